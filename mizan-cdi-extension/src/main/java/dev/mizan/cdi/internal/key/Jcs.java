package dev.mizan.cdi.internal.key;

import java.io.IOException;
import org.erdtman.jcs.JsonCanonicalizer;

/** RFC 8785 (JSON Canonicalization Scheme) through the reference author's library. */
final class Jcs {

    private Jcs() {
    }

    /**
     * @param json a JSON object or array in text form
     * @return its RFC 8785 form
     * @throws IllegalArgumentException if the text is not JSON the scheme accepts
     */
    static String canonicalize(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot canonicalise JSON: " + e.getMessage(), e);
        }
    }
}
