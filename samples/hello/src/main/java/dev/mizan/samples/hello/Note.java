package dev.mizan.samples.hello;

/** One of a user's notes. */
public record Note(long id, String text) {
}
