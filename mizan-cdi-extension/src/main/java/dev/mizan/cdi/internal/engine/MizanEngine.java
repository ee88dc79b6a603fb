package dev.mizan.cdi.internal.engine;

import dev.mizan.cdi.internal.key.HmacSha256;
import dev.mizan.cdi.internal.model.ContextModel;
import dev.mizan.cdi.internal.model.FunctionModel;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.json.bind.Jsonb;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the HTTP layer needs, with no HTTP in it: reads, calls, the schema and the secrets.
 * An application-scoped bean. Protocol and application errors are thrown as
 * {@link dev.mizan.MizanException} (unexpected ones as {@link InternalFailure}); a
 * {@code WebApplicationException} from the application passes through unchanged.
 */
public interface MizanEngine {

    /**
     * Reads a context: role check, param parsing (docs/reference/protocol.md), cache lookup or fill.
     *
     * @param context the context's name
     * @param query   the request's query parameters (raw, decoded), every value of every key
     * @param caller  who asks
     * @return the body and its cache status
     */
    ReadResult read(String context, Map<String, List<String>> query, Caller caller);

    /**
     * Calls a function: role check, binding of the JSON args, validation, invocation, purges.
     *
     * @param function the function's name
     * @param args     the request body
     * @param caller   who calls
     * @return the result and what it invalidated
     */
    CallResult call(String function, JsonObject args, Caller caller);

    /**
     * Single-flight refresh (docs/reference/protocol.md, {@code "$refresh"}): reads every listed
     * stableKey that {@code invalidated} covers, as a read right after the call would.
     *
     * @param stableKeys   the keys the client has mounted
     * @param invalidated  what the call invalidated
     * @param caller       who called (read live: after a login, the new principal)
     * @return fresh bodies by stableKey; what may not or could not be read is left out
     */
    Map<String, Refreshed> refresh(List<String> stableKeys, List<InvalidationEntry> invalidated, Caller caller);

    /**
     * @param context a context's name
     * @param caller  who asks
     * @return whether the caller passes the context's role check
     */
    boolean mayRead(String context, Caller caller);

    /**
     * Subscribes to the purges of every node sharing the cache (this node's only with the memory
     * backend), for {@code GET /events}.
     *
     * @param listener told of each purge of a context and of a lost-then-restored subscription
     */
    void listen(InvalidationListener listener);

    /**
     * The one source of the caller (docs/internals/read-and-call-paths.md): the {@code UserResolver}
     * beans in priority order, else the container's principal. In-process reads use the same.
     *
     * @param request the current request
     * @return the caller, read live
     */
    Caller caller(HttpServletRequest request);

    /**
     * @param user a user's name
     * @return the user's keyed token (docs/internals/key-derivation.md): what names the user's cache counters
     *         and a user purge's event, never the name
     */
    String userToken(String user);

    /** @return the contexts, sorted by name */
    Collection<ContextModel> contexts();

    /** @return the names of the USER-scope contexts, sorted (see {@code Registry.userContextNames}) */
    List<String> userContextNames();

    /** @return the functions, sorted by name */
    Collection<FunctionModel> functions();

    /** @return the context of that name */
    Optional<ContextModel> context(String name);

    /** @return the schema document (docs/reference/schema.md) */
    JsonObject schema();

    /** @return the schema's hash, for the {@code Mizan-Schema} header */
    String schemaHash();

    /** @return the CDN manifest: each context's path, scope, edge TTLs and tags */
    JsonObject manifest();

    /**
     * @return the MAC under the CSRF subkey of {@code mizan.secret} (docs/internals/key-derivation.md:
     *         HMAC(secret, "mizan/csrf/v1")), keyed at deployment
     */
    HmacSha256 csrfSigner();

    /** @return the MACs a token may verify under: the current subkey's, then {@code mizan.secret.previous}'s */
    List<HmacSha256> csrfVerifiers();

    /** @return Mizan's own JSON-B, used for every body it writes */
    Jsonb jsonb();

    /** @return the {@code mizan.*} settings */
    MizanSettings settings();

    /** @return where to count what happens (docs/how-to/operations.md); nothing by default */
    default dev.mizan.cdi.internal.telemetry.Metrics metrics() {
        return dev.mizan.cdi.internal.telemetry.Metrics.NONE;
    }
}
