package dev.mizan.cache.jedis.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mizan.cdi.internal.engine.CacheStatus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the backend logs at start and on failures, against redis-server processes of this test's own:
 * the {@code maxmemory-policy} check, and never a password.
 */
class StartupLogIntegrationTest {

    final List<String> logged = new CopyOnWriteArrayList<>();
    final Logger logger = Logger.getLogger("dev.mizan.cache.jedis");
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(java.text.MessageFormat.format(record.getMessage(),
                    record.getParameters() == null ? new Object[0] : record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    List<String> startWith(String policy) {
        try (RedisServer redis = RedisServer.start("--maxmemory-policy", policy);
             AppNode node = new AppNode(AppNode.standalone(redis.port, "mizan:"))) {
            return List.copyOf(logged);
        }
    }

    @Test
    void aPolicyThatMayEvictCountersIsWarnedAbout() {
        assertThat(startWith("allkeys-lru")).anySatisfy(line ->
                assertThat(line).startsWith("MZRD00101: Redis standalone 127.0.0.1:").contains("allkeys-lru"));
    }

    @Test
    void policiesThatSpareCountersAreNot() {
        assertThat(startWith("volatile-lru")).noneMatch(line -> line.startsWith("MZRD00101"));
        assertThat(startWith("noeviction")).noneMatch(line -> line.startsWith("MZRD00101"));
    }

    @Test
    void thePasswordIsNeverLoggedWhetherRightOrWrong() {
        try (RedisServer redis = RedisServer.start("--requirepass", "s3cret-never-logged")) {
            Map<String, String> right = AppNode.standalone(redis.port, "mizan:");
            right.put("mizan.cache.redis.url", "redis://:s3cret-never-logged@127.0.0.1:" + redis.port);
            try (AppNode node = new AppNode(right)) {
                assertThat(node.backend.available()).isTrue();
                assertThat(node.read("c", "k", "g", () -> "v").status()).isEqualTo(CacheStatus.MISS);
            }
            Map<String, String> wrong = AppNode.standalone(redis.port, "mizan:");
            wrong.put("mizan.cache.redis.password", "wrong-s3cret-never-logged");
            try (AppNode node = new AppNode(wrong)) {
                assertThat(node.backend.available()).isFalse();
                assertThat(node.read("c", "k", "g", () -> "v").status()).isEqualTo(CacheStatus.BYPASS);
            }
        }
        assertThat(logged).isNotEmpty().noneMatch(line -> line.contains("s3cret"));
    }
}
