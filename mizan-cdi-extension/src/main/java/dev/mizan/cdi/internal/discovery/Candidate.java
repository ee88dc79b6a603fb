package dev.mizan.cdi.internal.discovery;

import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.Bean;

/**
 * An annotated method found in {@code ProcessManagedBean}, kept until the registry is built.
 *
 * @param bean   the bean that declares it
 * @param method the method as the container sees it (other extensions' changes included)
 */
public record Candidate(Bean<?> bean, AnnotatedMethod<?> method) {
}
