import dev.mizan.cache.jedis.RedisCacheBackendFactory;
import dev.mizan.cdi.internal.cache.CounterNames;
import dev.mizan.cdi.internal.cache.OriginCache;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The purge half of bench/redis.sh, on a redis-server the script started (never the shared one):
 * a context purge of 100 entries with 1,000 and then 1,000,000 unrelated keys in Redis, and a
 * SCAN-based purge of the same 100 entries at 1,000,000 keys as the baseline. Each round measures
 * the three in turn (the sizes alternate); the medians of the per-round ratios are printed.
 *
 * Usage: java -cp <classpath> bench/redis/PurgeBench.java <port> <rounds>
 */
public class PurgeBench {

    static final String PREFIX = "bench:";
    static final int ENTRIES = 100;
    /** Purges timed per size and round (median taken); each one purges 100 freshly filled entries. */
    static final int PURGES = 101;
    static final int SCANS = 1;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Map<String, String> config = Map.of("mizan.cache.redis.url", "redis://127.0.0.1:" + port,
                "mizan.cache.redis.prefix", PREFIX, "mizan.cache.redis.timeout", "PT5S");
        try (RedisClient raw = RedisClient.builder().hostAndPort("127.0.0.1", port)
                .clientConfig(DefaultJedisClientConfig.builder().timeoutMillis(300_000).build()).build();
             OriginCache cache = new OriginCache(new RedisCacheBackendFactory().create(k -> Optional.ofNullable(config.get(k))))) {
            List<Double> sizeRatios = new ArrayList<>();
            List<Double> scanRatios = new ArrayList<>();
            int fillRound = 0;
            for (int round = 1; round <= rounds; round++) {
                // alternate: the same purge at 1,000 then at 1,000,000 keys, then SCAN at 1,000,000, each round
                raw.sendCommand(() -> "FLUSHALL".getBytes(StandardCharsets.US_ASCII));
                populate(raw, 1_000);
                awaitServing(cache);
                double small = medianPurge(cache, PURGES, fillRound);
                fillRound += PURGES;
                populate(raw, 1_000_000);
                awaitServing(cache);
                double large = medianPurge(cache, PURGES, fillRound);
                fillRound += PURGES;
                double scan = medianScanPurge(cache, raw, SCANS, fillRound);
                fillRound += SCANS;
                sizeRatios.add(large / small);
                scanRatios.add(scan / large);
                System.out.printf("round %d: purge of %d entries %.1f us at 1,000 keys, %.1f us at 1,000,000 keys (ratio %.2f);"
                        + " SCAN purge at 1,000,000 keys %.0f us (%.0fx slower)%n", round, ENTRIES, small, large,
                        large / small, scan, scan / large);
            }
            System.out.printf("median ratio purge at 1M keys / at 1k keys over %d rounds: %.2f (target <= 1.2)%n",
                    rounds, median(sizeRatios));
            System.out.printf("median speed-up of Mizan's purge over a SCAN purge at 1M keys over %d rounds: %.0fx (target >= 1000x)%n",
                    rounds, median(scanRatios));
        }
    }

    /** Unrelated keys, as another application's would be: DEBUG POPULATE (the script enables it). */
    static void populate(RedisClient raw, int total) {
        long missing = total - raw.dbSize();
        raw.sendCommand(() -> "DEBUG".getBytes(StandardCharsets.US_ASCII), "POPULATE", Long.toString(total), "other");
        System.out.printf("populated: %,d keys in Redis (+%,d)%n", raw.dbSize(), missing);
    }

    /** Populating blocks Redis for seconds: the node bypasses until it has resubscribed; purges are timed after. */
    static void awaitServing(OriginCache cache) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!cache.serving()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the Redis backend did not come back within 60 s");
            }
            Thread.sleep(50);
        }
    }

    static void fill(OriginCache cache, int round) {
        for (int i = 0; i < ENTRIES; i++) {
            String p = "p" + i;
            cache.read("ctx-" + round + "-" + i, CounterNames.forEntry("stock", Optional.empty(), List.of(p)),
                    Duration.ofMinutes(10), () -> ("{\"sku\":\"" + p + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    static double medianPurge(OriginCache cache, int times, int firstFill) {
        for (int w = 0; w < 20; w++) {
            // warm-up: connections, JIT, and Redis's incremental rehash after a large populate
            cache.purge(CounterNames.context("warm-up"));
        }
        double[] micros = new double[times];
        for (int r = 0; r < times; r++) {
            fill(cache, firstFill + r);
            long start = System.nanoTime();
            cache.purge(CounterNames.context("stock"));
            micros[r] = (System.nanoTime() - start) / 1_000.0;
        }
        return median(micros);
    }

    /** What a SCAN-based cache does: walk the keyspace for the context's entries and delete them. */
    static double medianScanPurge(OriginCache cache, RedisClient raw, int times, int firstFill) {
        double[] micros = new double[times];
        for (int r = 0; r < times; r++) {
            int fillRound = firstFill + r;
            fill(cache, fillRound);
            long start = System.nanoTime();
            String cursor = ScanParams.SCAN_POINTER_START;
            int deleted = 0;
            do {
                ScanResult<String> page = raw.scan(cursor, new ScanParams().match(PREFIX + "e:ctx-" + fillRound + "-*").count(1000));
                if (!page.getResult().isEmpty()) {
                    deleted += (int) raw.del(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            micros[r] = (System.nanoTime() - start) / 1_000.0;
            if (deleted != ENTRIES) {
                throw new IllegalStateException("the SCAN purge deleted " + deleted + " entries, not " + ENTRIES);
            }
        }
        return median(micros);
    }

    static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
