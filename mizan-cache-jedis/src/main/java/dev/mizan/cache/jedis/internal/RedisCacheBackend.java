package dev.mizan.cache.jedis.internal;

import dev.mizan.spi.CacheBackend;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.params.SetParams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Mizan's cache on Redis (docs/how-to/redis.md). Entries are {@code <prefix>e:<key>} with a TTL;
 * counters are {@code <prefix><counter>} with {@code mizan.cache.redis.counter-ttl}, longer than any entry's (the core's names keep a context's counters in
 * one Cluster slot through the {@code {context}} hash tag, while entry keys spread over all slots).
 *
 * <ul>
 *   <li>A read is one round trip: the entry and every counter of its stamp in one {@code MGET} on one
 *       node (standalone, Sentinel); one pipelined {@code GET} each in a Cluster, whose slots differ.</li>
 *   <li>A purge is one {@code INCR}, preceded in the same round trip by a {@code SET NX} at a random
 *       64-bit value (so a counter that was lost never restarts at a value an old entry holds) and
 *       followed by a {@code PUBLISH} that tells every node.</li>
 *   <li>While Redis is unreachable or the purge subscription is lost, every read fails at once with
 *       {@link CacheUnavailableException}, which the origin cache answers with a bypass; a connection
 *       failure opens the circuit for {@link #OPEN_FOR}, then one request tries again. Purges are tried
 *       all the same (see {@link #increment(String, String)}).</li>
 * </ul>
 */
public final class RedisCacheBackend implements CacheBackend {

    /** How long the circuit stays open after a connection failure. */
    static final Duration OPEN_FOR = Duration.ofMillis(500);
    /** Keep counters away from the top of the range, so {@code INCR} can never overflow. */
    private static final long COUNTER_HEADROOM = 1L << 40;
    private static final String EPOCH = "epoch";
    /** The {@link ServerFingerprint} of the Redis the epoch was last settled on. */
    private static final String SERVER = "server";

    private final String prefix;
    private final RedisClients clients;
    private final PurgeChannel purges;
    private final String channel;
    private final boolean cluster;
    /** mizan.cache.redis.counter-ttl: every counter's TTL, renewed by each fill and purge that touches it. */
    private final long counterTtl;
    private volatile long openUntil = System.nanoTime();
    /**
     * Cluster mode: the threads that read a pipeline's replies from several masters at once. Without them
     * Jedis starts a pool of its own for every pipeline that spans two nodes, most lookups: threads started
     * and stopped per request. Grown on demand up to the pool size; idle ones end after a minute.
     */
    private final ExecutorService pipelineWorkers;

    /**
     * Connects, checks the eviction policy and subscribes to purges (waiting briefly for it).
     *
     * @param settings the {@code mizan.cache.redis.*} keys
     */
    public RedisCacheBackend(RedisSettings settings) {
        this.prefix = Objects.requireNonNull(settings, "settings").prefix();
        this.clients = RedisClients.create(settings);
        this.channel = prefix + "purges";
        this.cluster = settings.mode() == RedisSettings.Mode.CLUSTER;
        this.counterTtl = settings.counterTtlMillis();
        this.pipelineWorkers = cluster ? pipelineWorkers(settings.poolSize()) : null;
        Messages.started(settings);
        EvictionPolicyCheck.run(clients, settings);
        ClusterTopology topology = cluster ? new ClusterTopology(clients::client, key(EPOCH)) : null;
        this.purges = new PurgeChannel(clients, channel, resubscription -> settleEpoch(resubscription, topology),
                Duration.ofSeconds(1), topology);
        purges.start(settings.timeout().multipliedBy(5).plusSeconds(1));
    }

    @Override
    public Lookup lookup(String entryKey, List<String> counters) {
        ensureAvailable();
        try {
            return cluster ? followingRedirects(() -> clusterLookup(entryKey, counters), () -> lookupOneByOne(entryKey, counters))
                    : nodeLookup(entryKey, counters);
        } catch (JedisConnectionException | JedisClusterOperationException e) {
            throw tripped(e);
        }
    }

    /** One node holds every key: one {@code MGET} of the entry and its counters, one command in all. */
    private Lookup nodeLookup(String entryKey, List<String> counters) {
        byte[][] keys = new byte[counters.size() + 1][];
        keys[0] = entryKey(entryKey);
        for (int i = 0; i < counters.size(); i++) {
            keys[i + 1] = key(counters.get(i)).getBytes(StandardCharsets.UTF_8);
        }
        List<byte[]> values = clients.built().mget(keys);
        Long[] current = new Long[counters.size()];
        for (int i = 0; i < current.length; i++) {
            current[i] = parse(values.get(i + 1));
        }
        return new Lookup(EntryCodec.decode(values.get(0)), current);
    }

    /** A context's counters share a slot, the entry, the epoch and the per-user ones may not: one pipelined GET each. */
    private Lookup clusterLookup(String entryKey, List<String> counters) {
        try (AbstractPipeline p = pipelined()) {
            Response<byte[]> entry = p.get(entryKey(entryKey));
            List<Response<String>> values = new ArrayList<>(counters.size());
            for (String counter : counters) {
                values.add(p.get(key(counter)));
            }
            p.sync();
            Long[] current = new Long[counters.size()];
            for (int i = 0; i < current.length; i++) {
                current[i] = parse(reply(values.get(i)));
            }
            return new Lookup(EntryCodec.decode(reply(entry)), current);
        }
    }

    /** {@link #clusterLookup} as single commands, which the cluster client follows through MOVED and ASK. */
    private Lookup lookupOneByOne(String entryKey, List<String> counters) {
        UnifiedJedis client = clients.built();
        byte[] entry = client.get(entryKey(entryKey));
        Long[] current = new Long[counters.size()];
        for (int i = 0; i < current.length; i++) {
            current[i] = parse(client.get(key(counters.get(i))));
        }
        return new Lookup(EntryCodec.decode(entry), current);
    }

    @Override
    public long[] counters(List<String> counters) {
        ensureAvailable();
        try {
            return followingRedirects(() -> readCounters(counters), () -> readCountersOneByOne(counters));
        } catch (JedisConnectionException | JedisClusterOperationException e) {
            throw tripped(e);
        }
    }

    private long[] readCounters(List<String> counters) {
        try (AbstractPipeline p = pipelined()) {
            List<Response<String>> values = new ArrayList<>(counters.size());
            for (String counter : counters) {
                String key = key(counter);
                // a counter outlives every entry stamped with it: the fill renews it for at least the entry's life
                p.set(key, Long.toString(randomStart()), SetParams.setParams().nx().px(counterTtl));
                p.pexpire(key, counterTtl);
                values.add(p.get(key));
            }
            p.sync();
            long[] current = new long[values.size()];
            for (int i = 0; i < current.length; i++) {
                Long value = parse(reply(values.get(i)));
                if (value == null) {
                    throw Messages.counterVanished(counters.get(i));
                }
                current[i] = value;
            }
            return current;
        }
    }

    /** {@link #readCounters} as single commands, which the cluster client follows through MOVED and ASK. */
    private long[] readCountersOneByOne(List<String> counters) {
        UnifiedJedis client = clients.built();
        long[] current = new long[counters.size()];
        for (int i = 0; i < current.length; i++) {
            String key = key(counters.get(i));
            client.set(key, Long.toString(randomStart()), SetParams.setParams().nx().px(counterTtl));
            client.pexpire(key, counterTtl);
            Long value = parse(client.get(key));
            if (value == null) {
                throw Messages.counterVanished(counters.get(i));
            }
            current[i] = value;
        }
        return current;
    }

    @Override
    public void store(String entryKey, Entry entry, Duration ttl) {
        Objects.requireNonNull(entry, "entry");
        long millis = ttl.toMillis();
        if (millis <= 0) {
            return;
        }
        ensureAvailable();
        try {
            // never past its counters' TTL, which this entry's fill renewed: an entry must not outlive them
            clients.built().set(entryKey(entryKey), EntryCodec.encode(entry), SetParams.setParams().px(Math.min(millis, counterTtl)));
        } catch (JedisConnectionException | JedisClusterOperationException e) {
            throw tripped(e);
        }
    }

    @Override
    public void increment(String counter) {
        increment(counter, null);
    }

    /** The event rides on the purge's own pub/sub message: {@link PurgeMessage}. */
    @Override
    public void increment(String counter, String event) {
        // neither circuit applies: this node's lost subscription, or one command of its that timed out a moment
        // ago, is no reason to refuse a purge Redis takes. The other nodes serve from the cache and must see it.
        // A Redis that is down refuses the INCR itself (within the timeout), and the purge is lost then
        String key = key(counter);
        try {
            followingRedirects(() -> record(key), () -> recordOneByOne(key));
        } catch (JedisConnectionException | JedisClusterOperationException e) {
            throw tripped(e);
        }
        RuntimeException unsent = publish(PurgeMessage.encode(counter, event));
        if (unsent != null) {
            if (event != null) {
                // no stream on any node heard of it: the core counts a lost purge, and its repair's epoch bump
                // tells every node's streams to resync (docs/how-to/redis.md)
                throw Messages.eventLost(counter, unsent);
            }
            Messages.publishFailed(counter, Messages.reason(unsent));
        }
    }

    private Long record(String key) {
        try (AbstractPipeline p = pipelined()) {
            p.set(key, Long.toString(randomStart()), SetParams.setParams().nx().px(counterTtl));
            Response<Long> incremented = p.incr(key);
            p.pexpire(key, counterTtl);
            p.sync();
            // a pipeline keeps an error reply (OOM under noeviction, READONLY) in its Response: read it,
            // so that a purge Redis refused throws and is counted as lost, rather than passing unseen
            return reply(incremented);
        }
    }

    /** {@link #record} as single commands, which the cluster client follows through MOVED and ASK. */
    private Long recordOneByOne(String key) {
        UnifiedJedis client = clients.built();
        client.set(key, Long.toString(randomStart()), SetParams.setParams().nx().px(counterTtl));
        long incremented = client.incr(key);
        client.pexpire(key, counterTtl);
        return incremented;
    }

    /**
     * Runs pipelined work; in cluster mode, when a node redirected it, runs it again as single commands.
     * Jedis's pipelines follow neither {@code MOVED} (a slot moved: a resharding moves slots between the same
     * masters, which the subscription's watch of the masters does not see) nor {@code ASK} (a slot being
     * migrated, the key already on the importing master); the cluster client's single commands follow both.
     * A node answering a redirect ran none of the commands for that slot, and the work's other commands
     * ({@code SET NX}, {@code PEXPIRE}, {@code GET}) may run twice, so running it again counts nothing twice.
     */
    private <T> T followingRedirects(Supplier<T> pipelined, Supplier<T> oneByOne) {
        try {
            return pipelined.get();
        } catch (JedisRedirectionException redirected) {
            if (!cluster) {
                throw redirected;
            }
            if (redirected instanceof JedisMovedDataException) {
                ((RedisClusterClient) clients.built()).refreshClusterTopology();
            }
            return oneByOne.get();
        }
    }

    /**
     * A pipelined command's reply, read after {@code sync()}. In Cluster mode Jedis's {@code sync()} catches a
     * node's connection failure itself (a hung master's read timeout: it logs it and closes that connection)
     * and leaves that node's replies unset, which {@link Response#get()} reports as an
     * {@link IllegalStateException}. That is a connection failure like any other: it must open the circuit,
     * or every pooled connection to the hung master would cost a request the timeout (docs/how-to/redis.md).
     */
    private static <T> T reply(Response<T> response) {
        try {
            return response.get();
        } catch (IllegalStateException unset) {
            throw new JedisConnectionException("a node's connection failed during the pipeline", unset);
        }
    }

    @Override
    public boolean available() {
        return purges.subscribed() && System.nanoTime() - openUntil >= 0;
    }

    @Override
    public void addPurgeListener(PurgeListener listener) {
        purges.addListener(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void close() {
        purges.close();
        if (pipelineWorkers != null) {
            pipelineWorkers.shutdownNow();
        }
        try {
            clients.close();
        } catch (RuntimeException e) {
            Messages.closeFailed(e);
        }
    }

    /**
     * On every subscription: moves the epoch after a lost subscription, and also on a first one when Redis
     * is not the one the stored fingerprint names (it restarted, maybe from an older snapshot, or failed over
     * while no node was subscribed), or when that cannot be told. A node started against the same Redis
     * keeps the cache warm.
     *
     * @return whether the epoch moved
     */
    private boolean settleEpoch(boolean resubscription, ClusterTopology topology) {
        String now;
        try {
            now = ServerFingerprint.of(clients, topology);
        } catch (RuntimeException e) {
            // INFO refused (an ACL without +info) or a master unreachable: assume the worst
            now = null;
        }
        UnifiedJedis client = clients.client();
        boolean bump = resubscription || now == null || !now.equals(client.get(key(SERVER)));
        if (bump && !bumpEpoch()) {
            throw new IllegalStateException("the epoch could not be bumped");
        }
        if (now != null) {
            // no TTL: one small key, and a fleet that ran for longer than any TTL keeps its cache on a redeploy
            client.set(key(SERVER), now);
        }
        return bump;
    }

    /**
     * Moves the epoch to a new random value: unlike {@code INCR}, safe even when Redis came back from an
     * older snapshot, whose epoch may be one an entry written after that snapshot was stamped with.
     */
    private boolean bumpEpoch() {
        try {
            UnifiedJedis client = clients.client();
            if (client instanceof RedisClusterClient clusterClient) {
                // pipelines do not follow MOVED: learn the new slot owners before serving again
                clusterClient.refreshClusterTopology();
            }
            client.set(key(EPOCH), Long.toString(randomStart()), SetParams.setParams().px(counterTtl));
            openUntil = System.nanoTime();
            RuntimeException unsent = publish(EPOCH);
            if (unsent != null) {
                Messages.publishFailed(EPOCH, Messages.reason(unsent));
            }
            return true;
        } catch (RuntimeException e) {
            Messages.epochBumpFailed(Messages.reason(e));
            return false;
        }
    }

    /**
     * Tells every node; a purge already recorded stays recorded even if this fails.
     *
     * @return null, or why the message was not sent
     */
    private RuntimeException publish(String message) {
        try {
            clients.built().publish(channel, message);
            return null;
        } catch (JedisConnectionException | JedisClusterOperationException e) {
            return tripped(e);
        } catch (RuntimeException e) {
            return e;
        }
    }

    private AbstractPipeline pipelined() {
        UnifiedJedis client = clients.built();
        return cluster ? ((RedisClusterClient) client).pipelined(pipelineWorkers) : client.pipelined();
    }

    /**
     * An idle worker takes the task, else a new one up to the pool size, else the request thread reads
     * itself; after {@link #close()} too. Not {@link ThreadPoolExecutor.CallerRunsPolicy}, which drops a
     * task once the executor is shut down: a pipeline under way at undeploy would wait for that node's
     * replies for ever, where running it fails at once on the closed connection.
     */
    static ExecutorService pipelineWorkers(int size) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, size, 1, TimeUnit.MINUTES, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "mizan-redis-pipeline-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (task, executor) -> task.run());
    }

    private void ensureAvailable() {
        if (!available()) {
            throw Messages.unavailable();
        }
    }

    /**
     * Opens the circuit. A Cluster's single commands (not its pipelines) retry a node that failed and then
     * throw {@link JedisClusterOperationException} ("no more cluster attempts left", "retry deadline
     * exceeded") instead of the connection failure: the same hung or unreachable master, after up to
     * three timeouts, so it opens the circuit too.
     */
    private RuntimeException tripped(RuntimeException e) {
        openUntil = System.nanoTime() + OPEN_FOR.toNanos();
        return e;
    }

    private String key(String counter) {
        return prefix + counter;
    }

    private byte[] entryKey(String entryKey) {
        return (prefix + "e:" + entryKey).getBytes(StandardCharsets.UTF_8);
    }

    private static Long parse(byte[] value) {
        return value == null ? null : parse(new String(value, StandardCharsets.US_ASCII));
    }

    private static Long parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            // a foreign value under our key can never match a stamp
            return null;
        }
    }

    private static long randomStart() {
        return ThreadLocalRandom.current().nextLong(Long.MIN_VALUE, Long.MAX_VALUE - COUNTER_HEADROOM);
    }
}
