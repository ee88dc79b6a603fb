package dev.mizan.cdi.internal.health;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Singleton;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * The {@code mizan} readiness check as a synthetic bean that belongs to the application's own bean
 * archive.
 *
 * <p>Why not a type added in {@code BeforeBeanDiscovery}, or a bean from {@code addBean()}'s configurator:
 * both belong to the archive Weld makes for Mizan's jar, and WildFly's MicroProfile Health extension
 * sees only the application's archives ({@code WEB-INF/classes} and the bean archives in
 * {@code WEB-INF/lib}), so the check never reached {@code /health/ready}. Weld puts a {@link Bean}
 * added with {@code AfterBeanDiscovery.addBean(Bean)} into the archive of its {@link #getBeanClass()
 * bean class}, which is therefore one of the application's bean classes (docs/how-to/operations.md).
 */
public final class ReadinessBean implements Bean<HealthCheck> {

    private static final Set<Type> TYPES = Set.of(HealthCheck.class, Object.class);
    private static final Set<Annotation> QUALIFIERS = Set.of(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE);

    private final Class<?> anchor;
    private final BeanManager bm;

    /**
     * @param anchor an application bean class, whose bean archive the check joins
     * @param bm     Mizan's bean manager, which resolves the parts and the runtime on the first check
     */
    public ReadinessBean(Class<?> anchor, BeanManager bm) {
        this.anchor = anchor;
        this.bm = bm;
    }

    @Override
    public Class<?> getBeanClass() {
        return anchor;
    }

    @Override
    public Set<InjectionPoint> getInjectionPoints() {
        return Set.of();
    }

    @Override
    public Set<Type> getTypes() {
        return TYPES;
    }

    @Override
    public Set<Annotation> getQualifiers() {
        return QUALIFIERS;
    }

    /** One instance and no client proxy (a proxy of the HealthCheck interface alone would belong to no archive of ours). */
    @Override
    public Class<? extends Annotation> getScope() {
        return Singleton.class;
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public Set<Class<? extends Annotation>> getStereotypes() {
        return Set.of();
    }

    @Override
    public boolean isAlternative() {
        return false;
    }

    @Override
    public HealthCheck create(CreationalContext<HealthCheck> cc) {
        return new MizanReadiness(bm);
    }

    @Override
    public void destroy(HealthCheck instance, CreationalContext<HealthCheck> cc) {
        cc.release();
    }
}
