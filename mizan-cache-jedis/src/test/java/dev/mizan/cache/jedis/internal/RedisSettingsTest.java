package dev.mizan.cache.jedis.internal;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisSettingsTest {

    static RedisSettings read(Map<String, String> config) {
        return RedisSettings.read(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        RedisSettings s = read(Map.of());
        assertThat(s.mode()).isEqualTo(RedisSettings.Mode.STANDALONE);
        assertThat(s.standaloneAddress()).isEqualTo(new HostAndPort("127.0.0.1", 6379));
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.prefix()).isEqualTo("mizan:");
        assertThat(s.ssl()).isFalse();
        assertThat(s.poolSize()).isEqualTo(64);
        assertThat(s.counterTtl()).isEqualTo(java.time.Duration.ofDays(1));
        assertThat(s.user()).isEmpty();
        assertThat(s.password()).isEmpty();
    }

    @Test
    void theUrlGivesCredentialsDatabaseAndTlsAndExplicitKeysWin() {
        RedisSettings s = read(Map.of("mizan.cache.redis.url", "rediss://app:s%40cret@cache.internal:6380/3"));
        assertThat(s.user()).contains("app");
        assertThat(s.password()).contains("s@cret");
        assertThat(s.database()).isEqualTo(3);
        assertThat(s.ssl()).isTrue();
        assertThat(s.standaloneAddress()).isEqualTo(new HostAndPort("cache.internal", 6380));
        RedisSettings over = read(Map.of("mizan.cache.redis.url", "rediss://app:old@h:1",
                "mizan.cache.redis.password", "new", "mizan.cache.redis.user", "other", "mizan.cache.redis.ssl", "false"));
        assertThat(over.password()).contains("new");
        assertThat(over.user()).contains("other");
        assertThat(over.ssl()).isFalse();
    }

    @Test
    void theUrlsCredentialsArePercentDecodedOnlyAndAPlusStaysAPlus() {
        // RFC 3986 user info: '+' is a literal character there, not a space as in a form body.
        RedisSettings s = read(Map.of("mizan.cache.redis.url", "redis://a+b:p+w%2Bd%20x@h:1"));
        assertThat(s.user()).contains("a+b");
        assertThat(s.password()).contains("p+w+d x");
        assertThat(read(Map.of("mizan.cache.redis.url", "redis://only+pw@h:1")).password()).contains("only+pw");
    }

    @Test
    void sslTakesMicroProfileConfigsWordsAndRefusesOthers() {
        assertThat(read(Map.of("mizan.cache.redis.ssl", "yes")).ssl()).isTrue();
        assertThat(read(Map.of("mizan.cache.redis.ssl", "ON")).ssl()).isTrue();
        assertThat(read(Map.of("mizan.cache.redis.ssl", "Y")).ssl()).isTrue();
        assertThat(read(Map.of("mizan.cache.redis.url", "rediss://h:1", "mizan.cache.redis.ssl", "n")).ssl()).isFalse();
        assertThat(read(Map.of("mizan.cache.redis.url", "rediss://h:1", "mizan.cache.redis.ssl", "0")).ssl()).isFalse();
        assertThatThrownBy(() -> read(Map.of("mizan.cache.redis.ssl", "ture"))).hasMessage(
                "MZRD00001: mizan.cache.redis.ssl must be a boolean (true, yes, on, 1 / false, no, off, 0), not 'ture'");
    }

    @Test
    void counterTtlIsAPositiveDuration() {
        assertThat(read(Map.of("mizan.cache.redis.counter-ttl", "PT12H")).counterTtl()).isEqualTo(java.time.Duration.ofHours(12));
        assertThat(read(Map.of("mizan.cache.redis.counter-ttl", "PT0.001S")).counterTtlMillis()).isEqualTo(1);
        // Redis refuses PX 0: a TTL that truncates to 0 ms would make every fill and purge fail at run time
        assertThatThrownBy(() -> read(Map.of("mizan.cache.redis.counter-ttl", "PT0.0005S"))).hasMessage(
                "MZRD00001: mizan.cache.redis.counter-ttl must be an ISO-8601 duration of at least 1 ms such as P1D, not 'PT0.0005S'");
        assertThatThrownBy(() -> read(Map.of("mizan.cache.redis.counter-ttl", "PT0S"))).hasMessage(
                "MZRD00001: mizan.cache.redis.counter-ttl must be an ISO-8601 duration of at least 1 ms such as P1D, not 'PT0S'");
        assertThatThrownBy(() -> read(Map.of("mizan.cache.redis.counter-ttl", "-PT1H")))
                .hasMessageStartingWith("MZRD00001: mizan.cache.redis.counter-ttl must be");
    }

    @Test
    void thePasswordIsNeverShown() {
        RedisSettings s = read(Map.of("mizan.cache.redis.url", "redis://u:topsecret-1@h:1",
                "mizan.cache.redis.password", "topsecret-2"));
        assertThat(s.toString()).doesNotContain("topsecret").contains("password=(set)");
        assertThat(s.where()).doesNotContain("topsecret");
        assertThatThrownBy(() -> read(Map.of("mizan.cache.redis.url", "http://u:topsecret-3@h:1")))
                .hasMessageStartingWith("MZRD00001: mizan.cache.redis.url").hasMessageNotContaining("topsecret");
    }

    @Test
    void sentinelAndClusterNeedTheirKeys() {
        assertThatThrownBy(() -> read(Map.of("mizan.cache.redis.mode", "cluster")))
                .hasMessage("MZRD00002: mizan.cache.redis.nodes is required when mizan.cache.redis.mode=cluster");
        assertThatThrownBy(() -> read(Map.of("mizan.cache.redis.mode", "sentinel", "mizan.cache.redis.nodes", "a:1")))
                .hasMessage("MZRD00002: mizan.cache.redis.sentinel.master is required when mizan.cache.redis.mode=sentinel");
        RedisSettings s = read(Map.of("mizan.cache.redis.mode", "Sentinel", "mizan.cache.redis.nodes", "a:26379, b:26380",
                "mizan.cache.redis.sentinel.master", "m"));
        assertThat(s.nodes()).containsExactlyInAnyOrder(new HostAndPort("a", 26379), new HostAndPort("b", 26380));
    }

    @Test
    void malformedValuesNameTheirKey() {
        assertThatThrownBy(() -> read(Map.of("mizan.cache.redis.mode", "replicated")))
                .hasMessage("MZRD00001: mizan.cache.redis.mode must be standalone, sentinel or cluster, not 'replicated'");
        assertThatThrownBy(() -> read(Map.of("mizan.cache.redis.timeout", "200ms")))
                .hasMessageStartingWith("MZRD00001: mizan.cache.redis.timeout must be a positive ISO-8601 duration");
        assertThatThrownBy(() -> read(Map.of("mizan.cache.redis.mode", "cluster", "mizan.cache.redis.nodes", "nohost")))
                .hasMessageStartingWith("MZRD00001: mizan.cache.redis.nodes must be host:port");
        assertThatThrownBy(() -> read(Map.of("mizan.cache.redis.pool-size", "0")))
                .hasMessage("MZRD00001: mizan.cache.redis.pool-size must be a positive integer, not '0'");
    }
}
