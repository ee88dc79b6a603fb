package dev.mizan.cdi.internal.discovery;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.SessionInit;
import dev.mizan.cdi.internal.registry.Registry;
import jakarta.enterprise.inject.spi.Bean;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The methods discovery keeps until the registry is built: operations and {@code @Invalidates} sites.
 * The extension and the build-time schema tool both select methods here, so they select the same ones.
 */
public final class Discovered {

    private final List<Candidate> candidates = new ArrayList<>();
    private final List<OperationSource> invalidates = new ArrayList<>();
    private final List<jakarta.enterprise.inject.spi.DefinitionException> overridden = new ArrayList<>();
    private final Set<Class<?>> specializing = new HashSet<>();

    /**
     * Keeps a bean method that is an operation or an {@code @Invalidates} site; ignores the rest and
     * every synthetic or bridge method (the compiler's, never the user's).
     *
     * @param bean      the declaring bean; null at build time
     * @param beanClass the bean's class, whose overrides run in place of the methods it inherits; the
     *                  operations of a class that an offered {@code @Specializes} class replaces are dropped
     * @param method    the method; an abstract one (of an interface) is never an operation, only checked
     *                  for annotations its implementation drops
     */
    public void offer(Bean<?> bean, Class<?> beanClass, OperationSource method) {
        offer(bean, beanClass, method, false);
    }

    /**
     * As {@link #offer(Bean, Class, OperationSource)}, for a bean that may be an EJB session bean.
     *
     * @param session whether the bean is a session bean (the container fired {@code ProcessSessionBean})
     */
    public void offer(Bean<?> bean, Class<?> beanClass, OperationSource method, boolean session) {
        Method m = method.method();
        if (m.isSynthetic() || m.isBridge() || !mizanAnnotated(method)) {
            return;
        }
        if (Specialization.specializes(beanClass)) {
            specializing.add(beanClass);
        }
        Method runs = Overrides.runBy(beanClass, m);
        if (runs != m || Modifier.isAbstract(m.getModifiers())) {
            // the override runs, not this method: it must carry the annotations itself (and is offered itself)
            if (runs != m && !mizanAnnotated(new ReflectedOperation(runs))) {
                overridden.add(Messages.overriddenWithoutAnnotations(Names.where(m), Names.where(runs)));
            }
            return;
        }
        if (method.annotated(MizanContext.class) || method.annotated(MizanFunction.class)
                || method.annotated(SessionInit.class)) {
            candidates.add(new Candidate(bean, beanClass, method, session));
        }
        if (method.annotated(Invalidates.class) || method.annotated(Invalidates.List.class)) {
            invalidates.add(method);
        }
    }

    /**
     * @param builder the builder (its errors hold what is wrong)
     * @return the registry built from everything offered
     */
    public Registry build(RegistryBuilder builder) {
        Set<Class<?>> replaced = Specialization.replacedBy(specializing);
        candidates.removeIf(c -> replaced.contains(c.beanClass()));
        builder.errors().addAll(overridden);
        return builder.build(candidates, invalidates);
    }

    private static boolean mizanAnnotated(OperationSource method) {
        return method.annotated(MizanContext.class) || method.annotated(MizanFunction.class) || method.annotated(SessionInit.class)
                || method.annotated(Invalidates.class) || method.annotated(Invalidates.List.class);
    }

    /**
     * @return the class of one application bean that declares an operation (the same one every time:
     *         the first by name), or empty when none was discovered
     */
    public Optional<Class<?>> operationBeanClass() {
        return candidates.stream().map(Candidate::bean).filter(b -> b != null).<Class<?>>map(Bean::getBeanClass)
                .min(Comparator.comparing(Class::getName));
    }

    /** @return the classes that declare the operations and {@code @Invalidates} methods offered */
    public Set<Class<?>> declaringClasses() {
        Set<Class<?>> classes = new HashSet<>();
        candidates.forEach(c -> classes.add(c.method().method().getDeclaringClass()));
        invalidates.forEach(m -> classes.add(m.method().getDeclaringClass()));
        return classes;
    }

    /** Drops everything kept (scratch state, not needed once the registry exists). */
    public void clear() {
        candidates.clear();
        invalidates.clear();
        overridden.clear();
        specializing.clear();
    }
}
