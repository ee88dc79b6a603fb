package dev.mizan.cdi.internal.discovery;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import dev.mizan.SessionInit;
import dev.mizan.cdi.internal.invoke.InvokerFactory;
import dev.mizan.cdi.internal.engine.HttpTypes;
import dev.mizan.cdi.internal.model.Access;
import dev.mizan.cdi.internal.model.CachePolicy;
import dev.mizan.cdi.internal.model.ContextModel;
import dev.mizan.cdi.internal.model.FunctionModel;
import dev.mizan.cdi.internal.model.InvalidationModel;
import dev.mizan.cdi.internal.model.Invoker;
import dev.mizan.cdi.internal.model.ParamModel;
import dev.mizan.cdi.internal.registry.Registry;
import dev.mizan.cdi.internal.schema.SchemaDocument;
import dev.mizan.cdi.internal.schema.TypeSchemas;
import dev.mizan.cdi.internal.schema.UnmappableTypeException;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DefinitionException;
import static dev.mizan.cdi.internal.json.JsonProviders.JSON;
import jakarta.json.JsonObject;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the candidates collected during discovery into the immutable {@link Registry}, collecting
 * every definition error instead of stopping at the first (so one deployment shows them all).
 */
public final class RegistryBuilder {

    private static final Set<String> REQUIRED_MARKERS = Set.of("NotNull", "NotBlank", "NotEmpty", "Nonnull", "NonNull");
    private static final JsonObject RESPONSE_SCHEMA = JSON.createObjectBuilder().add("x-mizan-response", true).build();
    private static final JsonObject NULL_SCHEMA = JSON.createObjectBuilder().add("type", "null").build();
    /** Stands in where nothing is invoked: at build time, or in a deployment that fails. */
    private static final Invoker NOT_INVOCABLE = (args, before) -> {
        throw new IllegalStateException("not invocable");
    };

    private final BeanManager bm;
    private final Duration defaultTtl;
    private final List<DefinitionException> errors = new ArrayList<>();
    private final TypeSchemas types = new TypeSchemas();
    private final HttpTypes http = HttpTypes.find();

    /**
     * A builder for the running application: each operation gets an invoker.
     *
     * @param bm         the bean manager, for invokers
     * @param defaultTtl {@code mizan.cache.ttl}
     */
    public RegistryBuilder(BeanManager bm, Duration defaultTtl) {
        this.bm = java.util.Objects.requireNonNull(bm, "bm");
        this.defaultTtl = defaultTtl;
    }

    /**
     * A builder for the schema alone, at build time: no container, so operations get an invoker that
     * refuses to run. Everything else (models, definition errors, schema) is what the runtime builds.
     *
     * @param defaultTtl {@code mizan.cache.ttl}
     */
    public RegistryBuilder(Duration defaultTtl) {
        this.bm = null;
        this.defaultTtl = defaultTtl;
    }

    /** @return every definition error found so far */
    public List<DefinitionException> errors() {
        return errors;
    }

    /**
     * @param candidates  methods with {@code @MizanContext} or {@code @MizanFunction}
     * @param invalidates methods with {@code @Invalidates} (any bean)
     * @return the registry; meaningful only when {@link #errors()} is empty
     */
    public Registry build(List<Candidate> candidates, List<OperationSource> invalidates) {
        Map<String, ContextModel> contexts = new TreeMap<>();
        Map<String, FunctionModel> functions = new TreeMap<>();
        Map<String, String> owners = new HashMap<>();
        // a stable order, so named types (and the schema hash) are the same on every boot
        java.util.Comparator<Method> order = java.util.Comparator.comparing(Method::toGenericString);
        candidates.stream().sorted(java.util.Comparator.comparing(c -> c.method().method(), order))
                .forEach(c -> readCandidate(c, contexts, functions, owners));
        Map<Method, List<InvalidationModel>> sites = new HashMap<>();
        Map<String, Set<List<String>>> groups = new TreeMap<>();
        contexts.values().forEach(ctx -> {
            Set<List<String>> g = new LinkedHashSet<>();
            ctx.params().forEach(p -> g.add(List.of(p.name())));
            groups.put(ctx.name(), g);
        });
        for (OperationSource m : invalidates.stream()
                .sorted(java.util.Comparator.comparing(m -> m.method().toGenericString())).toList()) {
            List<InvalidationModel> models = readInvalidates(m, contexts);
            if (!models.isEmpty()) {
                sites.put(m.method(), models);
                models.stream().filter(i -> i.params().size() > 1)
                        .forEach(i -> groups.get(i.context()).add(i.params().stream().sorted().toList()));
            }
        }
        // functions list their own @Invalidates in the schema
        functions.replaceAll((name, f) -> new FunctionModel(f.name(), f.params(), f.returnType(), f.returns(), f.access(),
                f.sessionInit(), sites.getOrDefault(f.method(), List.of()), f.method(), f.invoker()));
        Map<String, List<List<String>>> frozenGroups = new HashMap<>();
        groups.forEach((k, v) -> frozenGroups.put(k, List.copyOf(v)));
        JsonObject schema = errors.isEmpty() ? SchemaDocument.build(contexts.values(), functions.values(), types.types())
                : JsonObject.EMPTY_JSON_OBJECT;
        return new Registry(contexts, functions, sites, frozenGroups, schema,
                schema.containsKey("hash") ? schema.getString("hash") : "");
    }

    private void readCandidate(Candidate c, Map<String, ContextModel> contexts, Map<String, FunctionModel> functions,
                               Map<String, String> owners) {
        OperationSource am = c.method();
        Method m = am.method();
        String where = Names.where(m);
        MizanContext ctx = am.annotation(MizanContext.class);
        MizanFunction fn = am.annotation(MizanFunction.class);
        if (ctx != null && fn != null) {
            errors.add(Messages.bothContextAndFunction(where));
            return;
        }
        if (Modifier.isPrivate(m.getModifiers()) || Modifier.isStatic(m.getModifiers())) {
            errors.add(Messages.notInvocable(where, Modifier.isPrivate(m.getModifiers()) ? "private" : "static"));
            return;
        }
        if (fn == null && am.annotated(SessionInit.class)) {
            errors.add(Messages.sessionInitWithoutFunction(where));
            if (ctx == null) {
                return; // neither a context nor a function: nothing more to read
            }
        }
        String name = ctx != null ? ctx.value() : (fn.value().isEmpty() ? m.getName() : fn.value());
        if (!Names.valid(name)) {
            errors.add(Messages.malformedName(where, name));
            return;
        }
        String previous = owners.putIfAbsent(name, where);
        if (previous != null) {
            errors.add(Messages.duplicateName(where, name, previous));
            return;
        }
        List<ParamModel> params = readParams(am, where);
        Access access = AccessReader.read(am);
        Invoker invoker = invoker(c, m);
        if (ctx != null) {
            ContextModel model = readContext(ctx, am, where, params, access, invoker);
            if (model != null) {
                contexts.put(name, model);
            }
        } else {
            JsonObject returns = returnSchema(m, where, true);
            functions.put(name, new FunctionModel(name, params, m.getGenericReturnType(), returns, access,
                    am.annotated(SessionInit.class), List.of(), m, invoker));
        }
    }

    private ContextModel readContext(MizanContext ctx, OperationSource am, String where, List<ParamModel> params,
                                     Access access, Invoker invoker) {
        Method m = am.method();
        if (m.getReturnType() == void.class || m.getReturnType() == Void.class) {
            errors.add(Messages.voidContext(where));
            return null;
        }
        JsonObject returns = returnSchema(m, where, false);
        CachePolicy policy = new CachePolicy(
                Durations.parse(where, "maxAge", ctx.maxAge(), defaultTtl, errors),
                Durations.parse(where, "browserMaxAge", ctx.browserMaxAge(), Duration.ZERO, errors),
                Durations.parse(where, "edgeMaxAge", ctx.edgeMaxAge(), Duration.ZERO, errors),
                Durations.parse(where, "staleWhileRevalidate", ctx.staleWhileRevalidate(), Duration.ZERO, errors),
                ctx.cached());
        if (ctx.scope() == Scope.USER && !ctx.edgeMaxAge().isEmpty()) {
            errors.add(Messages.userWithEdgeMaxAge(where));
        }
        if (ctx.scope() == Scope.PUBLIC && access.kind() == Access.Kind.ROLES) {
            errors.add(Messages.publicWithRoles(where));
        }
        return new ContextModel(ctx.value(), ctx.scope(), policy, params, m.getGenericReturnType(), returns, access, m, invoker);
    }

    private JsonObject returnSchema(Method m, String where, boolean function) {
        Class<?> raw = m.getReturnType();
        if (function && (raw == void.class || raw == Void.class)) {
            return NULL_SCHEMA;
        }
        if (function && http.isResponse(raw)) {
            return RESPONSE_SCHEMA;
        }
        try {
            return types.schemaOf(m.getGenericReturnType(), m);
        } catch (UnmappableTypeException e) {
            errors.add(Messages.unsupportedReturnType(where, e.getMessage()));
            return JsonObject.EMPTY_JSON_OBJECT;
        }
    }

    private List<ParamModel> readParams(OperationSource am, String where) {
        List<ParamModel> params = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Set<Method> overridden = Supertypes.overridden(am.method()); // once per method, for every param's required
        for (ParameterSource p : am.parameters()) {
            String name = paramName(p);
            if (name == null) {
                errors.add(Messages.unknownParamName(where, p.position()));
                continue;
            }
            if (!Names.valid(name)) {
                errors.add(Messages.malformedParamName(where, name));
                continue;
            }
            if (!seen.add(name)) {
                errors.add(Messages.duplicateParamName(where, name));
                continue;
            }
            Type type = p.type();
            try {
                JsonObject schema = types.schemaOf(type);
                java.util.Optional<String> unbindable = dev.mizan.cdi.internal.schema.ParamBinding.problem(type);
                if (unbindable.isPresent()) {
                    errors.add(Messages.unsupportedParamType(where, name, unbindable.get()));
                    continue;
                }
                params.add(new ParamModel(name, p.position(), type, required(p, am.method(), overridden), types.isStringType(type), schema));
            } catch (UnmappableTypeException e) {
                errors.add(Messages.unsupportedParamType(where, name, e.getMessage()));
            }
        }
        return params;
    }

    static String paramName(ParameterSource p) {
        Param param = p.annotation(Param.class);
        if (param != null) {
            return param.value();
        }
        java.lang.reflect.Parameter jp = p.javaParameter();
        return jp.isNamePresent() ? jp.getName() : null;
    }

    /** A primitive, or marked non-null here or on the parameter of a method this one overrides (Bean Validation merges those). */
    private static boolean required(ParameterSource p, Method method, Set<Method> overridden) {
        if (p.type() instanceof Class<?> c && c.isPrimitive()) {
            return true;
        }
        if (p.annotations().stream().anyMatch(RegistryBuilder::requiredMarker)) {
            return true;
        }
        for (Method m : overridden) {
            if (m != method && Arrays.stream(m.getParameterAnnotations()[p.position()]).anyMatch(RegistryBuilder::requiredMarker)) {
                return true;
            }
        }
        return false;
    }

    private static boolean requiredMarker(java.lang.annotation.Annotation a) {
        return REQUIRED_MARKERS.contains(a.annotationType().getSimpleName());
    }

    private List<InvalidationModel> readInvalidates(OperationSource am, Map<String, ContextModel> contexts) {
        Method m = am.method();
        String where = Names.where(m);
        int mod = m.getModifiers();
        String bad = Modifier.isPrivate(mod) ? "private" : Modifier.isStatic(mod) ? "static" : Modifier.isFinal(mod) ? "final" : null;
        if (bad != null) {
            errors.add(Messages.invalidatesNotInterceptable(where, bad));
            return List.of();
        }
        Map<String, ParameterSource> args = new LinkedHashMap<>();
        List<ParameterSource> unnamed = new ArrayList<>();
        for (ParameterSource p : am.parameters()) {
            String n = paramName(p);
            if (n != null) {
                args.put(n, p);
            } else {
                unnamed.add(p);
            }
        }
        List<InvalidationModel> models = new ArrayList<>();
        for (Invalidates inv : am.annotations(Invalidates.class)) {
            ContextModel ctx = contexts.get(inv.value());
            if (ctx == null) {
                errors.add(Messages.unknownContext(where, inv.value(), Names.nearest(inv.value(), contexts.keySet())));
                continue;
            }
            List<String> names = new ArrayList<>();
            List<Integer> indexes = new ArrayList<>();
            for (String pn : inv.params()) {
                ParamModel cp = ctx.param(pn).orElse(null);
                ParameterSource arg = args.get(pn);
                if (names.contains(pn)) {
                    errors.add(Messages.invalidatesParamTwice(where, ctx.name(), pn));
                } else if (cp == null) {
                    errors.add(Messages.invalidatesParamMissing(where, ctx.name(), pn));
                } else if (arg == null && !unnamed.isEmpty()) {
                    // the argument may well be there, without a name: say how to give it one
                    unnamed.forEach(p -> addOnce(Messages.unknownParamName(where, p.position())));
                } else if (arg == null) {
                    errors.add(Messages.invalidatesParamNoArgument(where, ctx.name(), pn));
                } else if (!sameType(cp.type(), arg.type())) {
                    errors.add(Messages.invalidatesParamType(where, ctx.name(), pn, cp.type().getTypeName(),
                            arg.type().getTypeName()));
                } else {
                    names.add(pn);
                    indexes.add(arg.position());
                }
            }
            if (names.size() == inv.params().length) {
                models.add(new InvalidationModel(ctx.name(), names, indexes));
            }
        }
        return models;
    }

    /** Adds an error unless it is already there (an operation's unnamed parameters were reported by {@link #readParams}). */
    private void addOnce(DefinitionException error) {
        if (errors.stream().noneMatch(e -> e.getMessage().equals(error.getMessage()))) {
            errors.add(error);
        }
    }

    private static boolean sameType(Type a, Type b) {
        return box(a).equals(box(b));
    }

    private static Type box(Type t) {
        if (t instanceof Class<?> c && c.isPrimitive()) {
            return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
        }
        return t;
    }

    private Invoker invoker(Candidate c, Method m) {
        if (bm == null) {
            return NOT_INVOCABLE;
        }
        Optional<InvokerFactory.Target> target = InvokerFactory.target(c.bean(), m, c.session());
        if (target.isEmpty()) {
            // a session bean's types are its local views only: a @Remote interface that declares the method is none
            String remedy = c.session()
                    ? "declare it in a local business interface (a @Remote interface is not one of the bean's types) or"
                            + " give the bean a no-interface view (@LocalBean)"
                    : "name the class, or an interface that declares it, in @Typed";
            errors.add(Messages.notInvocable(Names.where(m), "on a bean whose types leave out " + c.bean().getBeanClass().getName()
                    + " and every interface that declares it, so its contextual reference cannot run it: " + remedy));
            return NOT_INVOCABLE;
        }
        boolean throughClass = target.get().called() == m;
        if (c.session() && throughClass && !Modifier.isPublic(m.getModifiers())) {
            // the EJB container runs only public methods as business methods, and refuses the others with an EJBException
            errors.add(Messages.notInvocable(Names.where(m), "on a session bean without being public: the EJB container calls only its"
                    + " public (business) methods; make it public"));
            return NOT_INVOCABLE;
        }
        String unproxyable = throughClass && bm.isNormalScope(c.bean().getScope()) ? unproxyable(c.bean(), m) : null;
        if (unproxyable != null) {
            errors.add(Messages.notInvocable(Names.where(m), unproxyable));
            return NOT_INVOCABLE;
        }
        try {
            return InvokerFactory.create(bm, c.bean(), target.get());
        } catch (IllegalAccessException | RuntimeException e) {
            errors.add(Messages.notInvocable(Names.where(m), "inaccessible (" + e.getMessage() + ")"));
            return NOT_INVOCABLE;
        }
    }

    /**
     * A normal-scoped bean called through its bean class is called through its client proxy, a subclass of
     * that class: said here, at deployment, what would otherwise fail on the first request (the container
     * checks only the beans something injects).
     *
     * @return why the proxy cannot run {@code m}, or null when it can
     */
    private static String unproxyable(jakarta.enterprise.inject.spi.Bean<?> bean, Method m) {
        Class<?> beanClass = bean.getBeanClass();
        if (Modifier.isFinal(beanClass.getModifiers())) {
            return "in a final class (" + beanClass.getName() + "), as the client proxy of a normal-scoped bean subclasses it";
        }
        if (Modifier.isFinal(m.getModifiers())) {
            return "final, as the client proxy of a normal-scoped bean must override it";
        }
        return null;
    }
}
