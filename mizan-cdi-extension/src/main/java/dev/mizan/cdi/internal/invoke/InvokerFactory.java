package dev.mizan.cdi.internal.invoke;

import dev.mizan.cdi.internal.model.Invoker;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * Builds an {@link Invoker} once per method: a spread {@link MethodHandle} called on the bean's
 * contextual reference, so the bean's interceptors (ours, {@code @Transactional}, ...) apply. A
 * normal-scoped bean's client proxy is looked up once; a {@code @Dependent} instance is created and
 * destroyed around each call.
 */
public final class InvokerFactory {

    private InvokerFactory() {
    }

    /**
     * @param bm     the bean manager
     * @param bean   the declaring bean
     * @param method the method to call
     * @return an invoker
     * @throws IllegalAccessException if the method cannot be made accessible
     */
    public static Invoker create(BeanManager bm, Bean<?> bean, Method method) throws IllegalAccessException {
        method.setAccessible(true);
        MethodHandle handle = MethodHandles.lookup().unreflect(method)
                .asType(MethodType.genericMethodType(method.getParameterCount() + 1))
                .asSpreader(1, Object[].class, method.getParameterCount());
        Type referenceType = bean.getTypes().contains(bean.getBeanClass()) ? bean.getBeanClass() : Object.class;
        if (bm.isNormalScope(bean.getScope())) {
            return new NormalScopedInvoker(bm, bean, referenceType, handle);
        }
        return (args, before) -> {
            CreationalContext<?> cc = bm.createCreationalContext(bean);
            try {
                Object target = bm.getReference(bean, referenceType, cc);
                before.accept(target);
                return handle.invoke(target, args);
            } finally {
                cc.release();
            }
        };
    }

    /** Looks the client proxy up on first use (the bean manager may not serve references during deployment). */
    private static final class NormalScopedInvoker implements Invoker {
        private final BeanManager bm;
        private final Bean<?> bean;
        private final Type type;
        private final MethodHandle handle;
        private volatile Object proxy;

        NormalScopedInvoker(BeanManager bm, Bean<?> bean, Type type, MethodHandle handle) {
            this.bm = bm;
            this.bean = bean;
            this.type = type;
            this.handle = handle;
        }

        @Override
        public Object invoke(Object[] args, java.util.function.Consumer<Object> before) throws Throwable {
            Object p = proxy;
            if (p == null) {
                p = bm.getReference(bean, type, bm.createCreationalContext(bean));
                proxy = p;
            }
            before.accept(p);
            return handle.invoke(p, args);
        }
    }
}
