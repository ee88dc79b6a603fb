package dev.mizan.ssr.internal;

import dev.mizan.Contexts;
import dev.mizan.MizanException;
import dev.mizan.Scope;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the container's {@link Contexts} over fixed JSON, for tests that run without an
 * application server (the real one is exercised by samples/hello-ssr-e2e on WildFly). Its stable keys
 * are written by hand for the simple params used here (sorted keys, integers and plain strings), so
 * the browser's {@code @mizan/base} computing the same key is itself checked by "no fetch".
 */
final class FixedContexts implements Contexts {

    private final Map<String, String> json;
    private final Map<String, Scope> scopes;
    final AtomicInteger reads = new AtomicInteger();

    FixedContexts(Map<String, String> json, Map<String, Scope> scopes) {
        this.json = json;
        this.scopes = scopes;
    }

    @Override
    public String readJson(String context, Map<String, ?> params) {
        reads.incrementAndGet();
        String j = json.get(context);
        if (j == null) {
            throw new MizanException(404, "unknown_context", "There is no context named '" + context + "'");
        }
        return j;
    }

    @Override
    public String stableKey(String context, Map<String, ?> params) {
        StringBuilder b = new StringBuilder(context).append("|{");
        new TreeMap<>(params).forEach((k, v) -> {
            if (b.charAt(b.length() - 1) != '{') {
                b.append(',');
            }
            b.append('"').append(k).append("\":");
            b.append(v instanceof String s ? "\"" + s + "\"" : String.valueOf(v));
        });
        return b.append('}').toString();
    }

    @Override
    public Scope scope(String context) {
        return scopes.getOrDefault(context, Scope.PUBLIC);
    }
}
