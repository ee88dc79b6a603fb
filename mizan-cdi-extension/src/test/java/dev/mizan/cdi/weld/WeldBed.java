package dev.mizan.cdi.weld;

import dev.mizan.cdi.MizanExtension;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;

/** Starts Weld SE with only the given beans and Mizan's extension (no discovery, no beans.xml). */
final class WeldBed {

    static {
        // the extension refuses to deploy without mizan.secret unless in development mode
        System.setProperty("mizan.secret", "weld-bed-secret-0123456789abcdef");
    }

    private WeldBed() {
    }

    static SeContainer start(Class<?>... beans) {
        return SeContainerInitializer.newInstance().disableDiscovery()
                .addBeanClasses(beans)
                .addExtensions(new MizanExtension())
                .initialize();
    }
}
