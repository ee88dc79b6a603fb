package dev.mizan.cdi.internal.schema.a;

/** One of two classes named {@code Item}, to test name clashes. */
public record Item(String label) {
}
