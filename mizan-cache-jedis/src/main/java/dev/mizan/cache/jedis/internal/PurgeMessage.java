package dev.mizan.cache.jedis.internal;

/**
 * The text of one message on the purge channel (docs/how-to/redis.md): the counter's name, then,
 * when the purge carries an event for server-sent events, a line feed and the event. Counter names
 * never hold a line feed, so a message from a node that sends bare counter names reads the same.
 */
final class PurgeMessage {

    private static final char SEPARATOR = '\n';

    private PurgeMessage() {
    }

    /** @return the message for {@code counter} and its {@code event} ({@code null}: none) */
    static String encode(String counter, String event) {
        return event == null ? counter : counter + SEPARATOR + event;
    }

    /** @return the counter named by a message */
    static String counter(String message) {
        int at = message.indexOf(SEPARATOR);
        return at < 0 ? message : message.substring(0, at);
    }

    /** @return the event a message carries, or {@code null} */
    static String event(String message) {
        int at = message.indexOf(SEPARATOR);
        return at < 0 ? null : message.substring(at + 1);
    }
}
