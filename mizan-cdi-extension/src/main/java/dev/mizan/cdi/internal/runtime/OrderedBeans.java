package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.MizanExtension;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Prioritized;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every bean of an SPI type ({@code UserResolver}, {@code ErrorMapper}, {@code EdgePurger}), resolved
 * once and ordered by {@code @Priority}, highest first; no {@code @Priority} counts as 0, ties go by
 * class name so the order never changes (docs/reference/spi.md).
 */
public final class OrderedBeans {

    private static final Comparator<Bean<?>> ORDER = Comparator.<Bean<?>>comparingInt(OrderedBeans::priority).reversed()
            .thenComparing(b -> b.getBeanClass().getName());

    private OrderedBeans() {
    }

    /**
     * @param bm   a bean manager of the application
     * @param type an SPI type recorded by {@link SpiBeans}
     * @return a reference to each bean of the type, highest priority first
     */
    public static <T> List<T> of(BeanManager bm, Class<T> type) {
        List<Bean<?>> beans = new ArrayList<>(bm.getExtension(MizanExtension.class).spiBeans().of(type));
        beans.sort(ORDER);
        List<T> instances = new ArrayList<>(beans.size());
        for (Bean<?> bean : beans) {
            instances.add(type.cast(bm.getReference(bean, type, bm.createCreationalContext(bean))));
        }
        return List.copyOf(instances);
    }

    static int priority(Bean<?> bean) {
        if (bean instanceof Prioritized p) {
            return p.getPriority();
        }
        Priority priority = bean.getBeanClass().getAnnotation(Priority.class);
        return priority == null ? 0 : priority.value();
    }
}
