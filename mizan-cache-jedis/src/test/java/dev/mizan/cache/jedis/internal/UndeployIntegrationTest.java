package dev.mizan.cache.jedis.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An undeploy while the purge subscription reconnects, through a proxy of this test's own that makes
 * new connections to a real redis-server slow: the application must keep no subscriber thread (it
 * would pin the class loader) and no connection.
 */
class UndeployIntegrationTest {

    @Test
    void closingWhileTheSubscriberReconnectsLeavesNoThreadBehind() throws Exception {
        try (RedisServer redis = RedisServer.start(); SlowProxy proxy = new SlowProxy(redis.port)) {
            Map<String, String> config = AppNode.standalone(proxy.port(), "mizan:");
            config.put("mizan.cache.redis.timeout", "PT2S");
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            AppNode node = new AppNode(config);
            RedisServer.await(node.backend::available, Duration.ofSeconds(10), "the node to subscribe");
            Thread subscriber = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("mizan-redis-purges") && !before.contains(t)).findFirst().orElseThrow();

            CountDownLatch reconnecting = proxy.slowDownNext(Duration.ofMillis(700));
            assertThat(redis.send("CLIENT", "KILL", "TYPE", "pubsub")).isEqualTo("1");
            assertThat(reconnecting.await(10, TimeUnit.SECONDS)).as("the subscriber reconnects").isTrue();
            node.close();

            assertThat(subscriber.isAlive()).as("the subscriber thread after close()").isFalse();
            Thread.sleep(300);
            assertThat(redis.send("CLIENT", "LIST", "TYPE", "pubsub")).as("subscriptions left").isEmpty();
        }
    }

    /** Forwards 127.0.0.1 connections to a Redis port; the next one accepted after {@link #slowDownNext} waits first. */
    static final class SlowProxy implements AutoCloseable {

        private final ServerSocket server;
        private final int target;
        private final List<Socket> sockets = new ArrayList<>();
        private volatile Duration delay = Duration.ZERO;
        private volatile CountDownLatch accepted = new CountDownLatch(1);

        SlowProxy(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "slow-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        CountDownLatch slowDownNext(Duration by) {
            accepted = new CountDownLatch(1);
            delay = by;
            return accepted;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Duration wait = delay;
                    delay = Duration.ZERO;
                    accepted.countDown();
                    Thread t = new Thread(() -> connect(client, wait), "slow-proxy-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void connect(Socket client, Duration wait) {
            try {
                // the client's handshake waits in the socket meanwhile: connected, not yet answered
                Thread.sleep(wait.toMillis());
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(upstream);
                }
                pump(upstream.getInputStream(), client.getOutputStream());
                pump(client.getInputStream(), upstream.getOutputStream());
            } catch (IOException | InterruptedException e) {
                closeQuietly(client);
            }
        }

        private static void pump(InputStream in, OutputStream out) {
            Thread t = new Thread(() -> {
                try {
                    in.transferTo(out);
                } catch (IOException e) {
                    // one side closed
                }
                try {
                    out.close();
                } catch (IOException e) {
                    // already closed
                }
            }, "slow-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (sockets) {
                sockets.forEach(SlowProxy::closeQuietly);
            }
        }
    }
}
