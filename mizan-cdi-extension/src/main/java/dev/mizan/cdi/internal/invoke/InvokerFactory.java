package dev.mizan.cdi.internal.invoke;

import static dev.mizan.cdi.internal.schema.GenericTypes.rawClass;

import dev.mizan.cdi.internal.model.Invoker;
import dev.mizan.cdi.internal.schema.GenericTypes;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

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
     * Where the annotated method is called: the bean class's method on a reference of that class, or, where
     * the bean's types leave the class out (a session bean seen only through its local business interfaces,
     * or {@code @Typed}), the same method as an interface among those types declares it, on a reference of
     * that interface (docs/reference/annotations.md, "Session beans").
     *
     * @param referenceType the type the reference is asked for
     * @param called        the method called on it
     */
    public record Target(Type referenceType, Method called) {
    }

    /**
     * @param bean        the declaring bean
     * @param method      the annotated method, of the bean class
     * @param sessionBean whether the bean is an EJB session bean, whose reference may implement its
     *                    business interfaces only
     * @return where to call it, or empty when no reference of the bean can run it
     */
    public static Optional<Target> target(Bean<?> bean, Method method, boolean sessionBean) {
        Class<?> beanClass = bean.getBeanClass();
        if (bean.getTypes().stream().anyMatch(t -> rawClass(t) == beanClass)) {
            // a generic class is a type only with its type arguments: its reference is asked for as an Object
            return Optional.of(new Target(bean.getTypes().contains(beanClass) ? beanClass : Object.class, method));
        }
        // the interfaces in a fixed order, so that a method two of them declare is called through the same one on every deployment
        Map<TypeVariable<?>, Type> bindings = GenericTypes.bindings(beanClass);
        Optional<Target> throughInterface = bean.getTypes().stream()
                .filter(t -> rawClass(t) != null && rawClass(t).isInterface())
                .sorted(Comparator.comparing(Type::getTypeName))
                .flatMap(t -> declared(rawClass(t), method, bindings).map(m -> new Target(t, m)).stream())
                .findFirst();
        if (throughInterface.isPresent() || sessionBean || !isDependent(bean)) {
            return throughInterface;
        }
        // a @Dependent managed bean's reference is the instance itself (or Weld's subclass of it)
        return Optional.of(new Target(Object.class, method));
    }

    private static boolean isDependent(Bean<?> bean) {
        return bean.getScope() == jakarta.enterprise.context.Dependent.class;
    }

    /**
     * The public method of {@code type} (declared or inherited) with the name of {@code method} and its parameter
     * types, once the type variables of a generic interface are bound as the bean class binds them: the class's
     * {@code save(Book)} implements {@code Editor<Book>}'s {@code save(T)}, which is {@code save(Object)} to the
     * container's reference.
     */
    private static Optional<Method> declared(Class<?> type, Method method, Map<TypeVariable<?>, Type> bindings) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(method.getName())
                        && m.getParameterCount() == method.getParameterCount()
                        && m.getReturnType().isAssignableFrom(method.getReturnType())
                        && sameParameters(m, method, bindings))
                .findFirst();
    }

    private static boolean sameParameters(Method declared, Method method, Map<TypeVariable<?>, Type> bindings) {
        Class<?>[] erased = declared.getParameterTypes();
        Type[] generic = declared.getGenericParameterTypes();
        Class<?>[] wanted = method.getParameterTypes();
        for (int i = 0; i < wanted.length; i++) {
            if (erased[i] != wanted[i] && rawClass(GenericTypes.resolve(generic[i], bindings)) != wanted[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param bm     the bean manager
     * @param bean   the declaring bean
     * @param target where to call the method ({@link #target})
     * @return an invoker
     * @throws IllegalAccessException if the method cannot be made accessible
     */
    public static Invoker create(BeanManager bm, Bean<?> bean, Target target) throws IllegalAccessException {
        Method method = target.called();
        method.setAccessible(true);
        MethodHandle handle = MethodHandles.lookup().unreflect(method)
                .asType(MethodType.genericMethodType(method.getParameterCount() + 1))
                .asSpreader(1, Object[].class, method.getParameterCount());
        if (bm.isNormalScope(bean.getScope())) {
            return new NormalScopedInvoker(bm, bean, target, handle);
        }
        return new DependentInvoker(bm, bean, target, handle);
    }

    /** Creates the instance for the call and destroys it afterwards. */
    private record DependentInvoker(BeanManager bm, Bean<?> bean, Target target, MethodHandle handle) implements Invoker {

        @Override
        public Object invoke(Object[] args, BiConsumer<Object, Method> before) throws Throwable {
            CreationalContext<?> cc = bm.createCreationalContext(bean);
            try {
                Object reference = bm.getReference(bean, target.referenceType(), cc);
                before.accept(reference, target.called());
                return handle.invoke(reference, args);
            } finally {
                cc.release();
            }
        }
    }

    /** Looks the client proxy up on first use (the bean manager may not serve references during deployment). */
    private static final class NormalScopedInvoker implements Invoker {
        private final BeanManager bm;
        private final Bean<?> bean;
        private final Target target;
        private final MethodHandle handle;
        private volatile Object proxy;

        NormalScopedInvoker(BeanManager bm, Bean<?> bean, Target target, MethodHandle handle) {
            this.bm = bm;
            this.bean = bean;
            this.target = target;
            this.handle = handle;
        }

        @Override
        public Object invoke(Object[] args, BiConsumer<Object, Method> before) throws Throwable {
            Object p = proxy;
            if (p == null) {
                p = bm.getReference(bean, target.referenceType(), bm.createCreationalContext(bean));
                proxy = p;
            }
            before.accept(p, target.called());
            return handle.invoke(p, args);
        }
    }
}
