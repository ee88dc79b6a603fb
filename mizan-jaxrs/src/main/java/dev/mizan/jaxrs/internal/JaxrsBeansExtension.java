package dev.mizan.jaxrs.internal;

import java.util.List;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Makes Mizan's resources CDI beans whatever the discovery mode: the jar has no {@code beans.xml}
 * (an archive with an extension and no {@code beans.xml} is not a bean archive, CDI 4.0 §20.1).
 * Filters and exception mappers stay plain providers, instantiated by the JAX-RS runtime.
 */
public class JaxrsBeansExtension implements Extension {

    void registerResources(@Observes BeforeBeanDiscovery bbd) {
        for (Class<?> resource : MizanClasses.RESOURCES) {
            bbd.addAnnotatedType(resource, JaxrsBeansExtension.class.getName() + "/" + resource.getName());
        }
        for (Class<?> bean : List.of(ServletExchange.class, EventStreams.class)) {
            bbd.addAnnotatedType(bean, JaxrsBeansExtension.class.getName() + "/" + bean.getName());
        }
    }
}
