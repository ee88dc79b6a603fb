package dev.mizan.ssr.internal;

import dev.mizan.Contexts;
import dev.mizan.MizanException;
import dev.mizan.Page;
import dev.mizan.Scope;
import java.util.HashSet;
import java.util.Set;

/**
 * A page's contexts read through {@link Contexts} (the caller's identity, role checks and the origin
 * cache, exactly as {@code GET /mizan/ctx/{name}}), as the JSON members {@code stableKey: {"data",
 * "updatedAt"}} that both the worker and the browser receive.
 *
 * @param contextsJson {@code {stableKey: {"data": ..., "updatedAt": ...}, ...}} as JSON text
 * @param userData     whether any of them is a {@link Scope#USER} read
 * @param readAt       this node's clock before the first read, epoch ms: the page's stream catches up from
 *                     then ({@code GET /mizan/events?since=}, docs/how-to/live-updates.md)
 */
public record Prefetched(String contextsJson, boolean userData, long readAt) {

    /**
     * @param contexts the in-process reader
     * @param page     the page whose contexts to read
     * @return the reads
     * @throws MizanException as the reads throw it (unknown context, bad params, 401, 403)
     */
    public static Prefetched read(Contexts contexts, Page page) {
        long readAt = System.currentTimeMillis();
        StringBuilder b = new StringBuilder(256).append('{');
        boolean user = false;
        Set<Page.Prefetch> asked = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (Page.Prefetch p : page.contexts()) {
            if (!asked.add(p)) {
                continue;
            }
            String key;
            String data;
            try {
                user |= contexts.scope(p.name()) == Scope.USER;
                // read first: its role check answers 401/403 before the key's param check answers 400, as a GET does
                data = contexts.readJson(p.name(), p.params());
                key = contexts.stableKey(p.name(), p.params());
                if (!seen.add(key)) {
                    continue; // the same read written another way (1 and 1.0)
                }
            } catch (MizanException e) {
                Messages.prefetchFailed(p.name(), e.code());
                throw e;
            }
            if (b.length() > 1) {
                b.append(',');
            }
            JsonText.string(b, key);
            b.append(":{\"data\":").append(data).append(",\"updatedAt\":").append(System.currentTimeMillis()).append('}');
        }
        return new Prefetched(b.append('}').toString(), user, readAt);
    }
}
