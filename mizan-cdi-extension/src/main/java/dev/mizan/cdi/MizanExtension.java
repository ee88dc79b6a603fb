package dev.mizan.cdi;

import dev.mizan.Invalidates;
import dev.mizan.cdi.internal.cache.CacheBackends;
import dev.mizan.cdi.internal.discovery.AnnotatedOperation;
import dev.mizan.cdi.internal.discovery.Discovered;
import dev.mizan.cdi.internal.discovery.OperationClasses;
import dev.mizan.cdi.internal.engine.HttpTypes;
import dev.mizan.cdi.internal.discovery.ReflectedOperation;
import dev.mizan.cdi.internal.discovery.RegistryBuilder;
import dev.mizan.cdi.internal.health.ReadinessBean;
import dev.mizan.cdi.internal.registry.Registry;
import dev.mizan.cdi.internal.runtime.ClassPresence;
import dev.mizan.cdi.internal.config.ConfigMessages;
import dev.mizan.cdi.internal.config.MizanConfig;
import dev.mizan.cdi.internal.runtime.BuiltRuntime;
import dev.mizan.cdi.internal.runtime.ConstraintDeclarations;
import dev.mizan.cdi.internal.runtime.DefaultContexts;
import dev.mizan.cdi.internal.runtime.DefaultInvalidation;
import dev.mizan.cdi.internal.runtime.DefaultMizanEngine;
import dev.mizan.cdi.internal.runtime.InvalidationCollector;
import dev.mizan.cdi.internal.runtime.MizanBinding;
import dev.mizan.cdi.internal.runtime.MizanInterceptor;
import dev.mizan.cdi.internal.runtime.MizanRuntime;
import dev.mizan.cdi.internal.runtime.OutsideTransaction;
import dev.mizan.cdi.internal.runtime.Purger;
import dev.mizan.cdi.internal.runtime.SpiBeans;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.ProcessSessionBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mizan's portable extension: registers Mizan's own beans, finds annotated methods, validates them
 * (collecting every definition error of the deployment) and builds the {@link Registry} once.
 */
public class MizanExtension implements Extension {

    private final Discovered discovered = new Discovered();
    private final SpiBeans spiBeans = new SpiBeans();
    private volatile BuiltRuntime runtime;

    /** Internal beans are added here, so Mizan's jars work under any discovery mode and need no beans.xml. */
    void registerBeans(@Observes BeforeBeanDiscovery bbd, BeanManager bm) {
        for (Class<?> c : List.of(MizanRuntime.class, DefaultMizanEngine.class, Purger.class, InvalidationCollector.class,
                DefaultInvalidation.class, DefaultContexts.class, MizanInterceptor.class)) {
            bbd.addAnnotatedType(bm.createAnnotatedType(c), "mizan." + c.getName());
        }
        if (ClassPresence.present("jakarta.transaction.Transactional")) {
            bbd.addAnnotatedType(bm.createAnnotatedType(OutsideTransaction.class), "mizan." + OutsideTransaction.class.getName());
        }
    }

    /** Binds Mizan's interceptor to every {@code @Invalidates} method it can intercept. */
    <T> void bindInterceptor(@Observes @WithAnnotations({Invalidates.class, Invalidates.List.class}) ProcessAnnotatedType<T> pat) {
        pat.configureAnnotatedType()
                .filterMethods(m -> (m.isAnnotationPresent(Invalidates.class) || m.isAnnotationPresent(Invalidates.List.class))
                        && interceptable(m.getJavaMember().getModifiers()))
                .forEach(m -> m.add(MizanBinding.Literal.INSTANCE));
    }

    private static boolean interceptable(int modifiers) {
        return !Modifier.isPrivate(modifiers) && !Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers);
    }

    /** Records the application's beans of Mizan's SPI types, wherever they live (see {@link SpiBeans}). */
    void collectSpiBeans(@Observes ProcessBean<?> pb) {
        spiBeans.offer(pb.getBean());
    }

    /**
     * Collects annotated methods from the bean class as the container sees it (vetoed types never get
     * here), and its interfaces' abstract methods, which the container leaves out, to report annotations
     * on them that would otherwise be ignored.
     */
    <T> void collect(@Observes ProcessManagedBean<T> pmb) {
        Class<?> beanClass = pmb.getBean().getBeanClass();
        boolean session = pmb instanceof ProcessSessionBean<?>;
        for (AnnotatedMethod<? super T> m : pmb.getAnnotatedBeanClass().getMethods()) {
            discovered.offer(pmb.getBean(), beanClass, new AnnotatedOperation(m), session);
        }
        ReflectedOperation.abstractOf(beanClass).forEach(m -> discovered.offer(pmb.getBean(), beanClass, m));
    }

    /**
     * Adds the {@code mizan} readiness check where the MicroProfile Health API is present, in the bean
     * archive of an application bean that declares an operation (see {@link ReadinessBean} for why).
     */
    void addReadinessCheck(@Observes AfterBeanDiscovery abd, BeanManager bm) {
        if (ClassPresence.present("org.eclipse.microprofile.health.HealthCheck")) {
            abd.addBean(new ReadinessBean(discovered.operationBeanClass().orElse(MizanExtension.class), bm));
        }
    }

    /**
     * Builds the registry and the runtime (config, secrets, cache backend, JSON-B) and reports every
     * problem of the deployment together: definition errors, bad config values, a missing backend. A
     * backend that is there but cannot start is found only by starting it, so only once the rest is right.
     */
    void validate(@Observes AfterDeploymentValidation adv, BeanManager bm) {
        HttpTypes http = HttpTypes.find();
        OperationClasses.record(discovered.declaringClasses().stream().filter(c -> !http.isResource(c)).toList());
        if (!ClassPresence.present("org.eclipse.microprofile.config.ConfigProvider")) {
            adv.addDeploymentProblem(ConfigMessages.noMicroProfileConfig());
            discovered.clear();
            return;
        }
        build(bm).forEach(adv::addDeploymentProblem);
        discovered.clear();
    }

    /** Kept apart so MicroProfile Config's classes load only once they are known to be there. */
    private List<Exception> build(BeanManager bm) {
        MizanConfig config = MizanConfig.current();
        List<Exception> problems = new ArrayList<>(config.problems());
        RegistryBuilder builder = new RegistryBuilder(bm, config.settings().cacheTtl());
        Registry built = discovered.build(builder);
        problems.addAll(builder.errors());
        if (builder.errors().isEmpty()) {
            problems.addAll(ConstraintDeclarations.check(bm, built));
        }
        CacheBackends.missing(config.settings().cacheBackend()).ifPresent(problems::add);
        if (problems.isEmpty()) {
            try {
                runtime = BuiltRuntime.build(config, built);
            } catch (DeploymentException e) {
                problems.add(e);
            }
        }
        return problems;
    }

    void release(@Observes BeforeShutdown bs) {
        BuiltRuntime r = runtime;
        runtime = null;
        if (r != null) {
            r.close();
        }
    }

    /**
     * Internal, may change.
     *
     * @return the runtime built at deployment; empty before it is built (a server that asks health checks
     *         while it validates the deployment) and once the application has ended
     */
    public Optional<BuiltRuntime> runtimeIfBuilt() {
        return Optional.ofNullable(runtime);
    }

    /**
     * Internal, may change.
     *
     * @return the runtime built at deployment
     */
    public BuiltRuntime runtime() {
        BuiltRuntime r = runtime;
        if (r == null) {
            throw new IllegalStateException("MZCDI01010: Mizan's runtime is not built: the deployment failed or has ended");
        }
        return r;
    }

    /**
     * Internal, may change.
     *
     * @return the application's beans of Mizan's SPI types
     */
    public SpiBeans spiBeans() {
        return spiBeans;
    }

    /**
     * Internal, may change.
     *
     * @return the registry built at deployment
     */
    public Registry registry() {
        return runtime().registry();
    }
}
