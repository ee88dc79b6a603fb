package dev.mizan.jaxrs.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every class {@code MizanApplication} registers, in one place. */
public final class MizanClasses {

    /** The resources; CDI beans through {@link JaxrsBeansExtension}. */
    static final List<Class<?>> RESOURCES = List.of(
            ContextResource.class, CallResource.class, SessionResource.class, SchemaResource.class,
            EventsResource.class);

    /** The filters and exception mappers; plain providers. */
    static final List<Class<?>> PROVIDERS = List.of(
            ProtocolHeadersFilter.class, CorsFilter.class,
            MizanExceptionMapper.class, WebApplicationExceptionMapper.class,
            JsonParseExceptionMapper.class, JsonbExceptionMapper.class, ThrowableMapper.class);

    private MizanClasses() {
    }

    /** @return resources and providers */
    public static Set<Class<?>> all() {
        Set<Class<?>> all = new LinkedHashSet<>(RESOURCES);
        all.addAll(PROVIDERS);
        return all;
    }
}
