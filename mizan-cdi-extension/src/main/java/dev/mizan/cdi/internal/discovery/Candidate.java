package dev.mizan.cdi.internal.discovery;

import jakarta.enterprise.inject.spi.Bean;

/**
 * An annotated method found during discovery, kept until the registry is built.
 *
 * @param bean      the bean that declares it; null at build time, where nothing is invoked
 * @param beanClass the bean's class
 * @param method    the method as discovery sees it (at run time, other extensions' changes included)
 * @param session   whether the bean is an EJB session bean, whose reference may implement only its business
 *                  interfaces
 */
public record Candidate(Bean<?> bean, Class<?> beanClass, OperationSource method, boolean session) {
}
