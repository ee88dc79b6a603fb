package dev.mizan.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.Scope;
import dev.mizan.cdi.internal.model.Access;
import dev.mizan.cdi.internal.model.CachePolicy;
import dev.mizan.cdi.internal.model.ContextModel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheHeadersTest {

    private static ContextModel context(String name, Scope scope, CachePolicy policy) {
        return new ContextModel(name, scope, policy, List.of(), String.class, null, Access.UNRESTRICTED, null, (args, before) -> null);
    }

    @Test
    void publicContextsAreSharedWithTheirTtlsAndTagged() {
        CachePolicy policy = new CachePolicy(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ofMinutes(1), true);
        assertThat(CacheHeaders.of(context("catalog", Scope.PUBLIC, policy), "Cache-Tag")).containsExactly(
                entry("Cache-Control", "public, max-age=10, s-maxage=300, stale-while-revalidate=60"),
                entry("Cache-Tag", "mizan-ctx-catalog"));
    }

    @Test
    void theTagHeaderNameIsConfigurable() {
        CachePolicy zero = new CachePolicy(Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO, Duration.ZERO, true);
        assertThat(CacheHeaders.of(context("catalog", Scope.PUBLIC, zero), "Surrogate-Key")).containsExactly(
                entry("Cache-Control", "public, max-age=0, s-maxage=0, stale-while-revalidate=0"),
                entry("Surrogate-Key", "mizan-ctx-catalog"));
    }

    @Test
    void userContextsArePrivateRevalidatedVariedAndUntagged() {
        CachePolicy policy = new CachePolicy(Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ZERO,
                Duration.ofSeconds(5), true);
        assertThat(CacheHeaders.of(context("todos", Scope.USER, policy), "Cache-Tag")).containsExactly(
                entry("Cache-Control", "private, no-cache"),
                entry("Vary", "Cookie, Authorization"));
    }

    private static java.util.Map.Entry<String, String> entry(String k, String v) {
        return java.util.Map.entry(k, v);
    }
}
