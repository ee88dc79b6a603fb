package dev.mizan.ssr.internal;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/** Registers the module's one bean, so the jar needs no {@code beans.xml} and works under any discovery mode. */
public class SsrExtension implements Extension {

    void registerBeans(@Observes BeforeBeanDiscovery bbd, BeanManager bm) {
        bbd.addAnnotatedType(bm.createAnnotatedType(SsrRuntime.class), SsrRuntime.class.getName());
    }
}
