package dev.mizan.ssr.internal;

/**
 * A worker's answer: raw UTF-8 bytes, written to the response as they came.
 *
 * @param status the status the bundle asked for (200 unless it said otherwise)
 * @param head   what goes into {@code <head>}
 * @param html   the rendered body markup
 */
public record RenderResult(int status, byte[] head, byte[] html) {
}
