package dev.mizan.cdi.internal.runtime;

import dev.mizan.spi.EdgePurger;
import dev.mizan.spi.ErrorMapper;
import dev.mizan.spi.HealthPart;
import dev.mizan.spi.UserResolver;
import jakarta.enterprise.inject.spi.Bean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application's beans of Mizan's SPI types, recorded by the extension as the container
 * discovers them. Resolving them by type from Mizan's own bean archive is not enough: Payara's
 * BeanManager for a library jar does not see the beans of {@code WEB-INF/classes}, so a
 * {@code UserResolver} there was silently ignored (docs/reference/spi.md).
 */
public final class SpiBeans {

    private static final List<Class<?>> TYPES = List.of(UserResolver.class, ErrorMapper.class, EdgePurger.class, HealthPart.class);

    private final List<Bean<?>> beans = new CopyOnWriteArrayList<>();

    /** @param bean a bean the container discovered; kept when it has one of the SPI types */
    public void offer(Bean<?> bean) {
        if (bean.getTypes().stream().anyMatch(TYPES::contains)) {
            beans.add(bean);
        }
    }

    List<Bean<?>> of(Class<?> type) {
        return beans.stream().filter(b -> b.getTypes().contains(type)).toList();
    }
}
