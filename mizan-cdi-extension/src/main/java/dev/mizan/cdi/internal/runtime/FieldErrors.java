package dev.mizan.cdi.internal.runtime;

import dev.mizan.MizanException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects per-param messages and turns them into one {@code 400 invalid_params}. */
final class FieldErrors {

    private final Map<String, List<String>> fields = new TreeMap<>();

    void add(String field, String message) {
        fields.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }

    void throwIfAny() {
        if (!fields.isEmpty()) {
            throw new MizanException(400, "invalid_params", "Invalid parameters", fields);
        }
    }
}
