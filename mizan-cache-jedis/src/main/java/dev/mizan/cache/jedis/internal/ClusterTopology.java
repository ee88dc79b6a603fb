package dev.mizan.cache.jedis.internal;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Watches which nodes of a Redis Cluster own slots as masters. A failover promotes a replica that may
 * lack the last purges its master acknowledged (replication is asynchronous), so while a slot-owning
 * master is failing, and when the set of slot owners changes, the node must stop serving from the
 * cache and move the epoch before it serves again (docs/how-to/redis.md).
 */
final class ClusterTopology {

    /** What a look at {@code CLUSTER NODES} found. */
    enum State {
        /** The same healthy masters own the slots as last time. */
        STABLE,
        /** Other masters own slots than last time: a failover (or a resharding) happened. */
        CHANGED,
        /** A master that owns slots is failing or suspected ({@code fail} / {@code fail?}). */
        FAILING,
        /** The cluster could not be asked; connection failures are handled elsewhere. */
        UNKNOWN
    }

    private final Supplier<UnifiedJedis> client;
    private final byte[] sampleKey;
    private Set<String> owners;

    /**
     * @param client    the cluster client (built on first use)
     * @param sampleKey routes {@code CLUSTER NODES} to the master of this key's slot
     */
    ClusterTopology(Supplier<UnifiedJedis> client, String sampleKey) {
        this.client = client;
        this.sampleKey = sampleKey.getBytes(StandardCharsets.UTF_8);
    }

    synchronized State look() {
        List<String[]> masters;
        try {
            masters = slotOwners();
        } catch (RuntimeException e) {
            return State.UNKNOWN;
        }
        Set<String> now = new HashSet<>();
        boolean failing = false;
        for (String[] f : masters) {
            now.add(f[0]);
            // exact flags: "nofailover" (cluster-replica-no-failover yes, masters too) is no failure
            List<String> flags = List.of(f[2].split(","));
            failing |= flags.contains("fail") || flags.contains("fail?");
        }
        if (failing) {
            return State.FAILING;
        }
        Set<String> before = owners;
        owners = now;
        return before == null || before.equals(now) ? State.STABLE : State.CHANGED;
    }

    /**
     * @return the address of every master that owns slots
     * @throws RuntimeException when the cluster cannot be asked
     */
    List<HostAndPort> masters() {
        List<HostAndPort> masters = new ArrayList<>();
        for (String[] f : slotOwners()) {
            // <ip:port@cport[,hostname]>
            String address = f[1].split("[@,]")[0];
            int colon = address.lastIndexOf(':');
            masters.add(new HostAndPort(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))));
        }
        return masters;
    }

    /** @return the {@code CLUSTER NODES} fields of every master that owns slots */
    private List<String[]> slotOwners() {
        Object reply = client.get().sendCommand(sampleKey, Protocol.Command.CLUSTER, "NODES".getBytes(StandardCharsets.US_ASCII));
        String nodes = reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
        List<String[]> owners = new ArrayList<>();
        for (String line : nodes.split("\n")) {
            // <id> <ip:port@cport> <flags> <master> <ping-sent> <pong-recv> <config-epoch> <link-state> <slot> ...
            String[] f = line.trim().split(" ");
            if (f.length > 8 && List.of(f[2].split(",")).contains("master")) {
                owners.add(f);
            }
        }
        return owners;
    }
}
