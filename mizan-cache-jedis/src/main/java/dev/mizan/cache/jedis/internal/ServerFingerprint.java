package dev.mizan.cache.jedis.internal;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which Redis processes hold Mizan's keys now: the master's {@code run_id} (standalone, Sentinel), or the
 * sorted {@code run_id}s of every slot-owning master (Cluster). Every start of {@code redis-server} gets a
 * new {@code run_id}, and a promoted replica has its own: a fingerprint that differs from the one stored
 * under the prefix means Redis restarted (maybe from an older snapshot) or failed over since a node last
 * subscribed, and purges may be lost (docs/how-to/redis.md).
 */
final class ServerFingerprint {

    private ServerFingerprint() {
    }

    /**
     * @param topology in Cluster mode the slot owners, else null
     * @throws RuntimeException when a master cannot be asked, or does not tell its {@code run_id}
     */
    static String of(RedisClients clients, ClusterTopology topology) {
        if (topology == null) {
            return runId(clients.client().info("server"));
        }
        List<String> ids = new ArrayList<>();
        for (HostAndPort master : topology.masters()) {
            try (Jedis jedis = new Jedis(master, clients.config())) {
                ids.add(runId(jedis.info("server")));
            }
        }
        Collections.sort(ids);
        return String.join(",", ids);
    }

    private static String runId(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("run_id:")) {
                return line.substring("run_id:".length()).trim();
            }
        }
        throw new IllegalStateException("INFO server shows no run_id");
    }
}
