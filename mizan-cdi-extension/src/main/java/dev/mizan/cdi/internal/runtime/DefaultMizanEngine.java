package dev.mizan.cdi.internal.runtime;

import dev.mizan.MizanException;
import dev.mizan.Scope;
import dev.mizan.cdi.internal.cache.Etags;
import dev.mizan.cdi.internal.cache.OriginCache;
import dev.mizan.cdi.internal.cache.Served;
import dev.mizan.cdi.internal.engine.CacheStatus;
import dev.mizan.cdi.internal.engine.CallResult;
import dev.mizan.cdi.internal.engine.Caller;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.internal.engine.MizanSettings;
import dev.mizan.cdi.internal.engine.ReadResult;
import dev.mizan.cdi.internal.engine.SessionChange;
import dev.mizan.cdi.internal.key.CacheKeys;
import dev.mizan.cdi.internal.key.InvalidParamException;
import dev.mizan.cdi.internal.model.ContextModel;
import dev.mizan.cdi.internal.model.FunctionModel;
import dev.mizan.cdi.internal.model.Invoker;
import dev.mizan.cdi.internal.model.ParamModel;
import dev.mizan.cdi.internal.registry.Registry;
import dev.mizan.cdi.internal.schema.ManifestDocument;
import dev.mizan.spi.ErrorMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The {@link MizanEngine}: role check, binding, cache, invocation and purges, in that order. */
@ApplicationScoped
public class DefaultMizanEngine implements MizanEngine {

    @Inject
    MizanRuntime rt;
    @Inject
    Purger purger;
    @Inject
    Instance<InvalidationCollector> collector;
    @Inject
    Instance<ErrorMapper> errorMappers;
    @Inject
    Instance<Validator> validators;
    @Inject
    Instance<OutsideTransaction> outsideTransaction;

    private JsonObject manifest;
    // the runtime's parts, held directly: each call through an application-scoped proxy costs a context lookup
    private Registry registry;
    private MizanSettings settings;
    private Jsonb jsonb;
    private PurgeCounters counters;
    private OriginCache cache;
    private CacheKeys keys;
    private dev.mizan.cdi.internal.key.ParamCanonicalizer canonicalizer;

    @PostConstruct
    void init() {
        registry = rt.registry();
        settings = rt.settings();
        jsonb = rt.jsonb();
        counters = purger.counters();
        cache = rt.cache();
        keys = rt.keys();
        canonicalizer = rt.canonicalizer();
        manifest = ManifestDocument.build(registry.sortedContexts(), settings.tagHeader());
    }

    @Override
    public ReadResult read(String context, Map<String, List<String>> query, Caller caller) {
        ContextModel ctx = registry.context(context).orElseThrow(() ->
                new MizanException(404, "unknown_context", "There is no context named '" + context + "'"));
        AccessCheck.check(ctx.access(), caller);
        return read(ctx, WireParams.fromQuery(ctx, query, settings.maxDepth()), caller);
    }

    /** Reads a context whose role check is done, from the JSON object of its params. */
    ReadResult read(ContextModel ctx, JsonObject params, Caller caller) {
        String canonical = canonical(ctx, params);
        Object[] args = ArgumentBinder.bind(ctx.params(), ctx.method().getParameterCount(), params, jsonb, true);
        Supplier<byte[]> fill = () -> jsonb.toJson(invoke(ctx.name(), ctx.method(), ctx.invoker(), args, ctx.params()))
                .getBytes(StandardCharsets.UTF_8);
        Supplier<byte[]> compute = outsideTransaction.isResolvable() ? () -> outsideTransaction.get().run(fill) : fill;
        Optional<String> user = ctx.scope() == Scope.USER ? caller.user() : Optional.empty();
        if (cache == null || !ctx.policy().cached() || (ctx.scope() == Scope.USER && user.isEmpty())) {
            byte[] body = compute.get();
            return new ReadResult(ctx, body, Etags.strong(body), CacheStatus.BYPASS);
        }
        String key = keys.key(ctx.name(), CacheKeys.scope(user), canonical);
        List<String> stamp = counters.forEntry(ctx, args, user);
        Served served = cache.read(key, stamp, ctx.policy().maxAge(), compute);
        return new ReadResult(ctx, served.body(), served.etag(), served.status());
    }

    /** @return the canonical form of a context's params (DESIGN §4) */
    String canonical(ContextModel ctx, JsonObject params) {
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
        FunctionModel fn = registry.function(function).orElseThrow(() ->
                new MizanException(404, "unknown_function", "There is no function named '" + function + "'"));
        AccessCheck.check(fn.access(), caller);
        Object[] args = ArgumentBinder.bind(fn.params(), fn.method().getParameterCount(), body, jsonb, true);
        Optional<String> before = caller.user();
        if (fn.sessionInit() && before.isPresent() && !caller.signOut()) {
            throw SessionInitFailure.identityKept(fn.name());
        }
        Object value = invoke(fn.name(), fn.method(), fn.invoker(), args, fn.params());
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
        String json = isResponse(value) ? null : jsonb.toJson(value);
        return new CallResult(fn, value, json, collector.get().entries(), change);
    }

    private Object invoke(String name, Method method, Invoker invoker, Object[] args, List<ParamModel> params) {
        Consumer<Object> validate = target -> {
            if (validators.isResolvable()) {
                ParameterValidation.validate(validators.get(), target, method, args, params);
            }
        };
        try {
            return invoker.invoke(args, validate);
        } catch (MizanException e) {
            throw e;
        } catch (Throwable t) {
            if (t instanceof Error e && !(t instanceof StackOverflowError)) {
                throw e;
            }
            throw Failures.translate(t, name, errorMappers);
        }
    }

    private static boolean isResponse(Object value) {
        if (value == null) {
            return false;
        }
        for (Class<?> k = value.getClass(); k != null; k = k.getSuperclass()) {
            if (k.getName().equals("jakarta.ws.rs.core.Response")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Collection<ContextModel> contexts() {
        return registry.sortedContexts();
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
    public byte[] csrfKey() {
        return rt.secrets().csrfSubkey();
    }

    @Override
    public List<byte[]> csrfVerifyKeys() {
        return rt.secrets().csrfVerifySubkeys();
    }

    @Override
    public Jsonb jsonb() {
        return jsonb;
    }

    @Override
    public MizanSettings settings() {
        return settings;
    }
}
