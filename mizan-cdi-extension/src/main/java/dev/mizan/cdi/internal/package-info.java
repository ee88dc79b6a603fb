/**
 * Mizan's implementation. Internal, may change: only {@code mizan-jaxrs} and the other Mizan modules
 * may use these packages; applications use {@code mizan-api}.
 */
package dev.mizan.cdi.internal;
