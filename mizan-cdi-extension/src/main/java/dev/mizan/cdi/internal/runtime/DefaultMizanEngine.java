package dev.mizan.cdi.internal.runtime;

import dev.mizan.MizanException;
import dev.mizan.Scope;
import dev.mizan.cdi.internal.cache.Etags;
import dev.mizan.cdi.internal.cache.OriginCache;
import dev.mizan.cdi.internal.cache.Served;
import dev.mizan.cdi.internal.engine.CacheStatus;
import dev.mizan.cdi.internal.engine.CallResult;
import dev.mizan.cdi.internal.engine.InvalidationEntry;
import dev.mizan.cdi.internal.engine.InvalidationListener;
import dev.mizan.cdi.internal.engine.Refreshed;
import dev.mizan.cdi.internal.engine.Caller;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.internal.engine.MizanSettings;
import dev.mizan.cdi.internal.engine.ReadResult;
import dev.mizan.cdi.internal.engine.SessionChange;
import dev.mizan.cdi.internal.key.CacheKeys;
import dev.mizan.cdi.internal.key.HmacSha256;
import dev.mizan.cdi.internal.key.InvalidParamException;
import dev.mizan.cdi.internal.model.ContextModel;
import dev.mizan.cdi.internal.model.FunctionModel;
import dev.mizan.cdi.internal.model.Invoker;
import dev.mizan.cdi.internal.model.ParamModel;
import dev.mizan.cdi.internal.registry.Registry;
import dev.mizan.cdi.internal.schema.ManifestDocument;
import dev.mizan.cdi.internal.telemetry.Metrics;
import dev.mizan.spi.ErrorMapper;
import jakarta.annotation.PostConstruct;
import dev.mizan.cdi.internal.engine.HttpTypes;
import dev.mizan.spi.UserResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.validation.Validator;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** The {@link MizanEngine}: role check, binding, cache, invocation and purges, in that order. */
@ApplicationScoped
public class DefaultMizanEngine implements MizanEngine {

    @Inject
    MizanRuntime rt;
    @Inject
    Purger purger;
    @Inject
    InvalidationCollector collector;
    @Inject
    BeanManager bm;
    @Inject
    Instance<Validator> validators;
    @Inject
    Instance<OutsideTransaction> outsideTransaction;
    @Inject
    Instance<HttpServletRequest> requests;

    private JsonObject manifest;
    // the runtime's parts, held directly: each call through an application-scoped proxy costs a context lookup
    private Registry registry;
    private List<String> userContextNames;
    private MizanSettings settings;
    private Jsonb jsonb;
    private PurgeCounters counters;
    private OriginCache cache;
    private CacheKeys keys;
    private dev.mizan.cdi.internal.key.ParamCanonicalizer canonicalizer;
    // optional dependencies and SPI beans, resolved once (never a CDI lookup per request)
    private List<ErrorMapper> errorMappers;
    private Validator validator;
    private OutsideTransaction outside;
    private HttpServletRequest currentRequest;
    private Map<String, OperationPlan> functionPlans;
    /**
     * Whether Bean Validation has anything to check on a method's parameters: decided once per method, on
     * its first call, and the validator is asked only when the method's annotations leave the answer open
     * ({@link ConstraintHints}); those methods were already checked at deployment ({@link ConstraintDeclarations}).
     */
    private final Map<Method, Boolean> constrained = new java.util.concurrent.ConcurrentHashMap<>();
    /** A {@code META-INF/validation.xml} may declare constraints that annotations do not show ({@link ConstraintHints}). */
    private boolean validationXml;
    private static final BiConsumer<Object, Method> NO_VALIDATION = (target, called) -> { };
    private Callers callers;
    private final HttpTypes http = HttpTypes.find();
    private Refresher refresher;
    private Metrics metrics;
    /**
     * The cache key and counter names of each cached context that has no params and is the same for
     * everyone: one entry for the whole deployment, so its read derives nothing per request.
     */
    private Map<String, FixedEntry> fixedEntries;

    private record FixedEntry(String key, List<String> stamp) {
    }

    @PostConstruct
    void init() {
        errorMappers = OrderedBeans.of(bm, ErrorMapper.class);
        callers = new Callers(OrderedBeans.of(bm, UserResolver.class));
        validator = validators.isResolvable() ? validators.get() : null;
        validationXml = ConstraintHints.xmlConfigured(Thread.currentThread().getContextClassLoader());
        outside = outsideTransaction.isResolvable() ? outsideTransaction.get() : null;
        currentRequest = requests.isResolvable() ? requests.get() : null;
        registry = rt.registry();
        userContextNames = registry.userContextNames();
        settings = rt.settings();
        jsonb = rt.jsonb();
        counters = purger.counters();
        cache = rt.cache();
        keys = rt.keys();
        canonicalizer = rt.canonicalizer();
        metrics = rt.metrics();
        refresher = new Refresher(this, registry, canonicalizer, counters, settings.maxDepth(), settings.maxRefresh());
        manifest = ManifestDocument.build(registry.sortedContexts(), settings.tagHeader());
        Map<String, OperationPlan> plans = new java.util.HashMap<>();
        registry.functions().values().forEach(fn ->
                plans.put(fn.name(), OperationPlan.of(fn.params(), fn.method().getParameterCount(), List.of())));
        functionPlans = Map.copyOf(plans);
        Map<String, FixedEntry> fixed = new java.util.HashMap<>();
        for (ContextModel ctx : registry.contexts().values()) {
            if (ctx.params().isEmpty() && ctx.scope() == Scope.PUBLIC && ctx.policy().cached()) {
                String canonical = canonical(ctx, JsonObject.EMPTY_JSON_OBJECT);
                fixed.put(ctx.name(), new FixedEntry(keys.key(ctx.name(), CacheKeys.scope(Optional.empty()), canonical),
                        counters.forEntry(ctx, new Object[0], Optional.empty())));
            }
        }
        fixedEntries = Map.copyOf(fixed);
    }

    /** Builds the engine (and the purger, the runtime) when the application starts, not on the first request. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // being called made the container create this bean and its dependencies
        warmReadPath();
    }

    /**
     * Runs the steps of a read that involve neither the application nor the cache once, on the first
     * context, so that their first use (the JCA algorithms and JSON-B cost milliseconds each), the loading
     * of their classes and the transaction interceptor's proxies happen at deployment rather than in the
     * first request (docs/internals/read-and-call-paths.md).
     */
    private void warmReadPath() {
        Etags.strong(jsonb.toJson(List.of("mizan")).getBytes(StandardCharsets.UTF_8));
        if (outside != null) {
            outside.run(() -> null);
        }
        Collection<ContextModel> contexts = registry.sortedContexts();
        if (contexts.isEmpty()) {
            return;
        }
        ContextModel ctx = contexts.iterator().next();
        AccessCheck.allows(ctx.access(), callers.of(null));
        keys.key(ctx.name(), CacheKeys.scope(Optional.empty()), canonical(ctx, JsonObject.EMPTY_JSON_OBJECT));
        OperationPlan plan = counters.plan(ctx);
        Map<String, List<String>> query = new java.util.HashMap<>();
        ctx.params().forEach(p -> query.put(p.name(), List.of("0")));
        try {
            JsonObject params = WireParams.fromQuery(ctx, plan, query, settings.maxDepth());
            Object[] args = ArgumentBinder.bind(plan, params, jsonb);
            canonical(ctx, params);
            counters.forEntry(ctx, args, Optional.empty());
        } catch (RuntimeException zeroDoesNotFit) {
            // 0 is no value of some param's type (invalid_params, or the binder's own refusal): the steps
            // before have run, which is all this is for; a warm-up never fails the deployment
        }
    }

    @Override
    public Caller caller(HttpServletRequest request) {
        return callers.of(request);
    }

    @Override
    public String userToken(String user) {
        return keys.userToken(user);
    }

    /** @return the caller of the request in progress, as {@link #caller} sees it (for in-process reads) */
    Caller currentCaller() {
        return callers.of(currentRequest == null || !requestActive() ? null : currentRequest);
    }

    private boolean requestActive() {
        try {
            return bm.getContext(RequestScoped.class).isActive();
        } catch (ContextNotActiveException e) {
            return false;
        }
    }

    @Override
    public ReadResult read(String context, Map<String, List<String>> query, Caller caller) {
        ContextModel ctx = registry.context(context).orElseThrow(() -> UnknownNames.context(context, registry, settings.schemaEnabled()));
        AccessCheck.check(ctx.access(), caller);
        return read(ctx, WireParams.fromQuery(ctx, counters.plan(ctx), query, settings.maxDepth()), caller);
    }

    /** Reads a context whose role check is done, from the JSON object of its params. */
    ReadResult read(ContextModel ctx, JsonObject params, Caller caller) {
        return read(ctx, params, canonical(ctx, params), caller);
    }

    /** The same, with the params' canonical form already made. */
    ReadResult read(ContextModel ctx, JsonObject params, String canonical, Caller caller) {
        Object[] args = ArgumentBinder.bind(counters.plan(ctx), params, jsonb);
        Supplier<byte[]> fill = () -> toJson(ctx.name(), invoke(ctx.name(), ctx.invoker(), args, ctx.params(), caller))
                .getBytes(StandardCharsets.UTF_8);
        OutsideTransaction o = outside;
        Supplier<byte[]> untimed = o != null ? () -> o.run(fill) : fill;
        Metrics m = metrics;
        Supplier<byte[]> compute = m.on() ? () -> timedFill(m, ctx.name(), untimed) : untimed;
        Optional<String> user = ctx.scope() == Scope.USER ? caller.user() : Optional.empty();
        if (cache == null || !ctx.policy().cached() || (ctx.scope() == Scope.USER && user.isEmpty())) {
            byte[] body = compute.get();
            m.cacheRequest(ctx.name(), CacheStatus.BYPASS);
            return new ReadResult(ctx, body, Etags.strong(body), CacheStatus.BYPASS);
        }
        FixedEntry fixed = fixedEntries.get(ctx.name());
        String key = fixed != null ? fixed.key() : keys.key(ctx.name(), CacheKeys.scope(user), canonical);
        List<String> stamp = fixed != null ? fixed.stamp() : counters.forEntry(ctx, args, user);
        Served served = cache.read(key, stamp, ctx.policy().maxAge(), compute);
        m.cacheRequest(ctx.name(), served.status());
        return new ReadResult(ctx, served.body(), served.etag(), served.status());
    }

    private static byte[] timedFill(Metrics m, String context, Supplier<byte[]> fill) {
        long start = System.nanoTime();
        try {
            return fill.get();
        } finally {
            m.filled(context, System.nanoTime() - start);
        }
    }

    /** @return the canonical form of a context's params (docs/internals/key-derivation.md) */
    String canonical(ContextModel ctx, JsonObject params) {
        if (params.isEmpty()) {
            return "{}"; // RFC 8785's form of an empty object, without a writer per read
        }
        try {
            return canonicalizer.canonical(params, counters.types(ctx));
        } catch (InvalidParamException e) {
            FieldErrors errors = new FieldErrors();
            errors.add(e.param(), e.reason());
            errors.throwIfAny();
            throw e;
        }
    }

    @Override
    public CallResult call(String function, JsonObject body, Caller caller) {
        Metrics m = metrics;
        if (!m.on()) {
            return untimedCall(function, body, caller);
        }
        long start = System.nanoTime();
        String outcome = "internal";
        try {
            CallResult result = untimedCall(function, body, caller);
            outcome = "ok";
            return result;
        } catch (MizanException e) {
            outcome = e.code();
            throw e;
        } catch (RuntimeException e) {
            // what the HTTP layer answers itself (a JAX-RS 404, say) carries its own code
            outcome = http.errorCode(e).orElse("internal");
            throw e;
        } finally {
            m.called(function, outcome, System.nanoTime() - start);
        }
    }

    private CallResult untimedCall(String function, JsonObject body, Caller caller) {
        FunctionModel fn = registry.function(function).orElseThrow(() -> UnknownNames.function(function, registry, settings.schemaEnabled()));
        AccessCheck.check(fn.access(), caller);
        Object[] args = ArgumentBinder.bind(functionPlans.get(fn.name()), body, jsonb);
        Optional<String> before = caller.user();
        if (fn.sessionInit() && before.isPresent() && !caller.signOut()) {
            throw SessionInitFailure.identityKept(fn.name());
        }
        try {
            collector.caller(before); // Invalidation.user lists the contexts it purged when the caller is that user
        } catch (ContextNotActiveException e) {
            // no request (a call from a test or a job): there is no invalidate list to fill
        }
        Object value = invoke(fn.name(), fn.invoker(), args, fn.params(), caller);
        SessionChange change = SessionChange.NONE;
        if (fn.sessionInit()) {
            // the function started anonymous: any principal now is the one it established, and every
            // successful login rotates, whoever was signed in before (docs/reference/security.md)
            Optional<String> after = caller.user();
            if (after.isPresent()) {
                change = SessionChange.LOGIN;
            } else if (before.isPresent()) {
                change = SessionChange.LOGOUT;
                purger.purgeUser(before.get());
            }
        }
        String json = value != null && http.isResponse(value.getClass()) ? null : toJson(fn.name(), value);
        return new CallResult(fn, value, json, collector.entries(), change, collector.eventIdIfAny());
    }

    /**
     * The operation's result as JSON. A result JSON-B cannot write (an accessor that throws, a cycle) is the
     * application's bug: a logged {@code 500 internal}, never the {@code 400} a {@code JsonbException} from
     * reading a request body gets.
     */
    private String toJson(String operation, Object value) {
        try {
            return jsonb.toJson(value);
        } catch (RuntimeException e) {
            throw Failures.internal(e, operation);
        }
    }

    private Object invoke(String name, Invoker invoker, Object[] args, List<ParamModel> params, Caller caller) {
        Validator v = validator;
        try {
            // inside the try: a declaration the validator refuses is this operation's failure, reported as any other
            BiConsumer<Object, Method> validate = v == null ? NO_VALIDATION : (target, called) -> {
                if (constrained(v, called)) {
                    ParameterValidation.validate(v, target, called, args, params);
                }
            };
            return invoker.invoke(args, validate);
        } catch (MizanException e) {
            throw e;
        } catch (Throwable t) {
            if (t instanceof Error e && !(t instanceof StackOverflowError)) {
                throw e;
            }
            throw Failures.translate(t, name, errorMappers, http, caller.user().isEmpty());
        }
    }

    private boolean constrained(Validator v, Method method) {
        return constrained.computeIfAbsent(method, m -> {
            if (!validationXml && !ConstraintHints.mayBeConstrained(m)) {
                return false; // the validator would say the same, after building metadata for the whole class
            }
            return ParameterValidation.constrains(v, m);
        });
    }

    @Override
    public Map<String, Refreshed> refresh(List<String> stableKeys, List<InvalidationEntry> invalidated, Caller caller) {
        return refresher.refresh(stableKeys, invalidated, caller);
    }

    @Override
    public boolean mayRead(String context, Caller caller) {
        return registry.context(context).map(ctx -> AccessCheck.allows(ctx.access(), caller)).orElse(false);
    }

    @Override
    public void listen(InvalidationListener listener) {
        purger.feed().add(listener);
    }

    @Override
    public Collection<ContextModel> contexts() {
        return registry.sortedContexts();
    }

    @Override
    public List<String> userContextNames() {
        return userContextNames;
    }

    @Override
    public Collection<FunctionModel> functions() {
        return registry.sortedFunctions();
    }

    @Override
    public Optional<ContextModel> context(String name) {
        return registry.context(name);
    }

    @Override
    public JsonObject schema() {
        return registry.schema();
    }

    @Override
    public String schemaHash() {
        return registry.schemaHash();
    }

    @Override
    public JsonObject manifest() {
        return manifest;
    }

    @Override
    public HmacSha256 csrfSigner() {
        return rt.secrets().csrfSigner();
    }

    @Override
    public List<HmacSha256> csrfVerifiers() {
        return rt.secrets().csrfVerifiers();
    }

    @Override
    public Jsonb jsonb() {
        return jsonb;
    }

    @Override
    public MizanSettings settings() {
        return settings;
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }
}
