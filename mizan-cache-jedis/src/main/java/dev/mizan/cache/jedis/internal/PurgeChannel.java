package dev.mizan.cache.jedis.internal;

import dev.mizan.spi.CacheBackend.PurgeListener;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * This node's subscription to the purges of every node (Redis pub/sub), on a connection of its own,
 * kept alive by one daemon thread and watched by a heartbeat.
 *
 * <p>While the subscription is lost the node may miss purges that matter (a failover can lose
 * writes; a restarted Redis can come back from an older snapshot), so {@link #subscribed()} is false
 * and the backend bypasses. When it is back, the epoch is bumped <em>before</em> the node serves
 * again, so nothing cached before the gap can be read. A node's first subscription asks the backend
 * too: Redis may have restarted or failed over while no node was subscribed (docs/how-to/redis.md).
 */
final class PurgeChannel implements AutoCloseable {

    private static final long MIN_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1_000;
    /** How long {@link #close()} waits for the subscriber thread, which may be opening a connection. */
    private static final long CLOSE_WAIT_MS = 2_000;

    private final RedisClients clients;
    private final String channel;
    private final EpochGuard epoch;
    /** Cluster mode only, else null. */
    private final ClusterTopology topology;
    private final Duration heartbeat;
    private final JedisClientConfig subscriberConfig;
    private final List<PurgeListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private final Thread thread;
    private final ScheduledExecutorService watchdog;

    private volatile boolean subscribed;
    /** Set once the first subscription succeeded: every later one is a resubscription that moves the epoch. */
    private volatile boolean everSubscribed;
    /** Whether the current loss was logged already: one warning per outage, not one per retry. */
    private volatile boolean lossReported;
    private volatile boolean closed;
    private volatile long lastPong;
    private volatile Connection connection;
    /** Where the current subscription's connection goes. */
    private volatile HostAndPort subscribedTo;
    private volatile Subscription subscription;

    /** Moves the epoch, when needed, on every subscription before the node serves from it. */
    interface EpochGuard {
        /**
         * @param resubscription whether this node was subscribed before: then the epoch must move
         * @return whether the epoch moved
         * @throws RuntimeException when it had to move and could not: the node stays unsubscribed
         */
        boolean settle(boolean resubscription);
    }

    /**
     * @param clients   where to subscribe
     * @param channel   the channel's full name
     * @param epoch     asked on every subscription, before serving, whether to make every entry stale
     * @param heartbeat how often to ping; three unanswered pings count as a lost subscription
     * @param topology  in cluster mode, the slot owners to watch on every beat; else null
     */
    PurgeChannel(RedisClients clients, String channel, EpochGuard epoch, Duration heartbeat,
                 ClusterTopology topology) {
        this.clients = clients;
        this.channel = channel;
        this.epoch = epoch;
        this.topology = topology;
        this.heartbeat = heartbeat;
        // RESP2 on this connection: a PING answers inside the subscription's own replies (["pong", ""]),
        // which Jedis reads in order; under RESP3 a bare +PONG can overtake Jedis's bookkeeping of the PING
        this.subscriberConfig = DefaultJedisClientConfig.builder().from(clients.config()).resp2().build();
        this.thread = new Thread(this::run, "mizan-redis-purges");
        this.thread.setDaemon(true);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mizan-redis-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts subscribing and waits (at most {@code wait}) for the first attempt, so the first reads need not bypass. */
    void start(Duration wait) {
        thread.start();
        long every = heartbeat.toMillis();
        watchdog.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        try {
            firstAttempt.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether this node currently receives every node's purges */
    boolean subscribed() {
        return subscribed;
    }

    void addListener(PurgeListener listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        thread.interrupt();
        dropConnection();
        try {
            // before the caller closes the pools: an undeployed application keeps no thread and no connection
            thread.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long backoff = MIN_BACKOFF_MS;
        while (!closed) {
            Connection c = null;
            try {
                HostAndPort to = clients.subscribeTo();
                c = new Connection(to, subscriberConfig);
                subscribedTo = to;
                connection = c;
                if (closed) {
                    // close() ran while c was being opened, and dropped the connection before it
                    break;
                }
                Subscription s = new Subscription(everSubscribed);
                subscription = s;
                s.proceed(c, channel);
            } catch (RuntimeException e) {
                if (!closed) {
                    reportLoss(Messages.reason(e));
                }
            } finally {
                if (subscribed) {
                    backoff = MIN_BACKOFF_MS;
                }
                subscribed = false;
                firstAttempt.countDown();
                if (c != null) {
                    c.close();
                }
            }
            if (!closed) {
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /**
     * Pings on the subscription; one that stopped answering (a dead peer without a reset) is dropped,
     * and so is one of a cluster whose slot owners fail or change, or one on a master the sentinels
     * replaced (a failover may have lost purges).
     */
    private void beat() {
        Subscription s = subscription;
        if (!subscribed || s == null) {
            return;
        }
        ClusterTopology.State state = topology == null ? ClusterTopology.State.STABLE : topology.look();
        if (state == ClusterTopology.State.FAILING || state == ClusterTopology.State.CHANGED) {
            lose(state == ClusterTopology.State.FAILING ? "a cluster master is failing" : "the cluster's masters changed");
            return;
        }
        HostAndPort master = clients.currentMaster();
        if (master != null && !master.equals(subscribedTo)) {
            // the sentinels switched masters: purges now go to the new one, whatever the old one still answers
            lose("the master moved to " + master);
            return;
        }
        if (System.nanoTime() - lastPong > heartbeat.toNanos() * 3) {
            lose("no answer to PING");
            return;
        }
        try {
            s.ping();
        } catch (RuntimeException e) {
            // the subscriber thread sees the broken connection and reconnects
        }
    }

    /** Stops serving at once and drops the connection; the subscriber thread then reconnects. */
    private void lose(String reason) {
        subscribed = false;
        reportLoss(reason);
        dropConnection();
    }

    private void reportLoss(String reason) {
        if (!lossReported) {
            lossReported = true;
            Messages.subscriptionLost(reason);
            tell(PurgeListener::lost);
        }
    }

    private void dropConnection() {
        Connection c = connection;
        if (c != null) {
            try {
                c.forceDisconnect();
            } catch (Exception e) {
                // already gone
            }
        }
    }

    /** Tells every listener; one that fails is logged, and the others are still told. */
    private void tell(Consumer<PurgeListener> message) {
        for (PurgeListener listener : listeners) {
            try {
                message.accept(listener);
            } catch (RuntimeException e) {
                Messages.listenerFailed(e);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Subscription extends JedisPubSub {

        private final boolean resubscription;

        Subscription(boolean resubscription) {
            this.resubscription = resubscription;
        }

        @Override
        public void onSubscribe(String name, int count) {
            if (topology != null && topology.look() == ClusterTopology.State.FAILING) {
                // a master that owns slots is down: its replica's promotion is still to come
                throw new IllegalStateException("a cluster master is failing");
            }
            // throws when the epoch had to move and could not: this connection is dropped, the next attempt tries again
            boolean bumped = epoch.settle(resubscription);
            boolean hadLoss = lossReported; // listeners were told lost(): a first subscription after failed tries too
            lastPong = System.nanoTime();
            everSubscribed = true;
            subscribed = true;
            lossReported = false;
            firstAttempt.countDown();
            Messages.subscriptionBack(resubscription, bumped);
            if (bumped || hadLoss) {
                tell(PurgeListener::resync);
            }
        }

        @Override
        public void onMessage(String name, String message) {
            String counter = PurgeMessage.counter(message);
            String event = PurgeMessage.event(message);
            tell(listener -> listener.purged(counter, event));
        }

        @Override
        public void onPong(String pattern) {
            lastPong = System.nanoTime();
        }
    }
}
