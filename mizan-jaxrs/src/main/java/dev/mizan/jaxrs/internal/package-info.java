/**
 * The HTTP layer's implementation: resources, filters, exception mappers, CSRF and header logic.
 * Internal, may change; applications use {@link dev.mizan.jaxrs.MizanApplication} and {@code mizan-api}.
 */
package dev.mizan.jaxrs.internal;
