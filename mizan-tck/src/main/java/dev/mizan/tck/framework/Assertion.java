package dev.mizan.tck.framework;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Test;

/**
 * A TCK test method: one assertion of the contract (a page of docs/reference/). Meta-annotated
 * {@link Test}, so the method needs nothing else; {@link AssertionExtension} prefixes a failure with
 * the id and strategy, so a vendor sees which rule broke without reading the test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Test
public @interface Assertion {

    /** Stable id of the rule, e.g. {@code ctx-etag-304}; section prefix first. */
    String id();

    /** How the test checks the rule, in one sentence. */
    String strategy();
}
