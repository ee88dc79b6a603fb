package dev.mizan.tck.framework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the TCK's own ({@link TestProperty#REDIS_SERVER}) on a free loopback port,
 * without persistence, that a test stops and starts again on the same port. Only this process is ever
 * stopped: a Redis shared with other builds is never touched. It is killed when the test JVM exits too,
 * for a test class that never got to stop it (one whose deployment failed, say).
 */
public final class RedisProcess {

    private static final Duration START = Duration.ofSeconds(10);

    private final int port;
    private final Path dir;
    private volatile Process process;

    private RedisProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** @return a running server on a free port */
    public static RedisProcess start() {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path dir = Files.createTempDirectory("mizan-tck-redis");
            // deleted when the test JVM exits, its log first (the JVM deletes in reverse order of registration)
            dir.toFile().deleteOnExit();
            dir.resolve("redis.log").toFile().deleteOnExit();
            RedisProcess redis = new RedisProcess(probe.getLocalPort(), dir);
            probe.close();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::kill, "mizan-tck-redis-" + redis.port));
            redis.restart();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param prefix the deployment's own {@code mizan.cache.redis.prefix}
     * @return the {@code microprofile-config.properties} lines of a deployment whose cache is this Redis
     */
    public String cacheConfig(String prefix) {
        return "mizan.cache.backend=redis\n"
                + "mizan.cache.redis.url=redis://127.0.0.1:" + port() + "\n"
                + "mizan.cache.redis.prefix=" + prefix + "\n";
    }

    /** @return the port it listens on, the same after every restart */
    public int port() {
        return port;
    }

    /** Starts the server again (on the same port) and waits until it accepts connections. */
    public void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is already running");
        }
        List<String> command = List.of(TestProperty.REDIS_SERVER.required(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString());
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command + " (" + TestProperty.REDIS_SERVER.key()
                    + " names the binary): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited with " + process.exitValue()
                        + "; its log is " + dir.resolve("redis.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not accept connections within " + START);
    }

    /** Stops this server and waits for its process to end. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(START.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** At JVM exit: a server still running is killed, without waiting. */
    private void kill() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
