package dev.mizan.cdi.internal.schema.b;

/** One of two classes named {@code Item}, to test name clashes. */
public record Item(long weight) {
}
