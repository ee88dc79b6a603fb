package dev.mizan.samples.hello;

import java.time.Instant;

/** What the public {@code greeting} context returns. */
public record Greeting(String text, int exclamations, Instant updatedAt) {
}
