package dev.mizan.cache.jedis.internal;

import dev.mizan.cdi.internal.cache.CounterNames;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sentinels that take connections but never answer (a hung or black-holed host): building the Sentinel
 * client then costs the timeout per sentinel. No request thread may wait for that (docs/how-to/redis.md,
 * "Redis slow or hung"): purges fail at once, as lost purges, while the subscription's thread keeps trying.
 */
class UnansweringSentinelsIntegrationTest {

    @Test
    void concurrentPurgesDoNotQueueBehindTheClientsBuild() throws Exception {
        List<ServerSocket> holes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 3; i++) {
                // never accepted: the kernel completes the handshake, nothing ever answers
                holes.add(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            }
            Map<String, String> config = new HashMap<>();
            config.put("mizan.cache.redis.mode", "sentinel");
            config.put("mizan.cache.redis.nodes", String.join(",",
                    holes.stream().map(h -> "127.0.0.1:" + h.getLocalPort()).toList()));
            config.put("mizan.cache.redis.sentinel.master", "mymaster");
            config.put("mizan.cache.redis.timeout", "PT0.2S");
            try (AppNode node = new AppNode(config)) {
                List<CompletableFuture<Long>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(CompletableFuture.supplyAsync(() -> {
                        long start = System.nanoTime();
                        assertThat(node.cache.purge(CounterNames.context("stock"))).isFalse();
                        return (System.nanoTime() - start) / 1_000_000;
                    }, pool));
                }
                List<Long> millis = calls.stream().map(CompletableFuture::join).toList();
                // one build probes three sentinels for 200 ms each; eight queued builds took up to 5 s
                assertThat(millis).as("each purge's wait, ms").allMatch(ms -> ms < 500);
            }
        } finally {
            pool.shutdownNow();
            for (ServerSocket h : holes) {
                h.close();
            }
        }
    }
}
