package dev.mizan.cdi.internal.discovery;

import jakarta.enterprise.inject.spi.DefinitionException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Parses the ISO-8601 duration members of {@code @MizanContext}; a malformed one is a definition error. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String where, String member, String value, Duration fallback, List<DefinitionException> errors) {
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative()) {
                errors.add(Messages.negativeDuration(where, member, value));
                return fallback;
            }
            return d;
        } catch (DateTimeParseException e) {
            errors.add(Messages.malformedDuration(where, member, value));
            return fallback;
        }
    }
}
