package dev.mizan.cdi.internal.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyOrderStrategy;

/**
 * Mizan's own JSON-B configuration. Mizan never picks up the application's
 * {@code ContextResolver<Jsonb>}, so what it writes always matches its schema (docs/reference/protocol.md, docs/reference/schema.md).
 *
 * <p>The JSON-B defaults stay (nulls left out, {@code java.time} as ISO-8601 strings, enums by name,
 * JSON-B annotations on application types honoured), plus:
 * <ul>
 * <li>{@link java.math.BigDecimal} and {@link java.math.BigInteger} are written as JSON strings, so no
 * digit is lost in a JavaScript client (docs/internals/key-derivation.md), and read from strings or numbers;</li>
 * <li>properties in lexicographic order, stated explicitly rather than relying on the default.</li>
 * </ul>
 */
public final class MizanJsonb {

    private MizanJsonb() {
    }

    /** @return the configuration {@link #create()} uses; exposed so callers can add to a copy of it */
    public static JsonbConfig config() {
        return new JsonbConfig()
                .withPropertyOrderStrategy(PropertyOrderStrategy.LEXICOGRAPHICAL)
                .withSerializers(new BigNumberCodecs.BigDecimalSerializer(), new BigNumberCodecs.BigIntegerSerializer())
                .withDeserializers(new BigNumberCodecs.BigDecimalDeserializer(), new BigNumberCodecs.BigIntegerDeserializer());
    }

    /**
     * @return a new {@link Jsonb}; thread-safe, expensive to build, so callers keep one per application
     *         and close it on shutdown
     */
    public static Jsonb create() {
        return JsonbBuilder.create(config());
    }
}
