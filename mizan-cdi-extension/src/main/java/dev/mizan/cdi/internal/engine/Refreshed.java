package dev.mizan.cdi.internal.engine;

/**
 * One entry of a call's {@code "refreshed"} member (docs/reference/protocol.md): the fresh body of a
 * context the call invalidated, as a read right after the call would answer it.
 *
 * @param body      the serialised JSON value
 * @param updatedAt when it was read, milliseconds since the epoch
 */
public record Refreshed(byte[] body, long updatedAt) {
}
