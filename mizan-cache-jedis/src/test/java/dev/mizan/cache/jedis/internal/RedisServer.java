package dev.mizan.cache.jedis.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@code redis-server} process this test started, on a free port, in a directory of its own;
 * stopped by its pid. A missing {@code redis-server} fails the test with the reason.
 */
final class RedisServer implements AutoCloseable {

    /** Ports probed for free ones; tests use their own, never the shared 6379 ({@code -Dmizan.test.redis.firstPort} moves them). */
    private static final int FIRST_PORT = Integer.getInteger("mizan.test.redis.firstPort", 23000);
    private static final int PORTS = 1000;

    final int port;
    final Path dir;
    private final List<String> command;
    private Process process;

    private RedisServer(int port, Path dir, List<String> command) {
        this.port = port;
        this.dir = dir;
        this.command = command;
    }

    /** Starts a plain server with extra {@code redis-server} options ({@code --replicaof ...}). */
    static RedisServer start(String... options) {
        int port = freePort();
        Path dir = tempDir("redis-" + port);
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                "--logfile", dir.resolve("redis.log").toString()));
        command.addAll(List.of(options));
        return new RedisServer(port, dir, command).launch();
    }

    /** Starts a sentinel monitoring {@code masterName} at {@code masterPort}. */
    static RedisServer sentinel(String masterName, int masterPort) {
        int port = freePort();
        Path dir = tempDir("sentinel-" + port);
        Path conf = dir.resolve("sentinel.conf");
        write(conf, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\nlogfile " + dir.resolve("sentinel.log") + "\n"
                + "sentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " 2\n"
                + "sentinel down-after-milliseconds " + masterName + " 1000\n"
                + "sentinel failover-timeout " + masterName + " 5000\n"
                + "sentinel parallel-syncs " + masterName + " 1\n");
        return new RedisServer(port, dir, List.of("redis-server", conf.toString(), "--sentinel")).launch();
    }

    /** Starts this server again (same port, same directory: a {@code dump.rdb} there is loaded). */
    RedisServer launch() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (is it installed and on the PATH?): " + command, e);
        }
        try {
            // NOAUTH is an answer too: a server started with --requirepass
            await(() -> {
                String reply = cliQuiet("PING");
                return reply.equals("PONG") || reply.contains("NOAUTH");
            }, Duration.ofSeconds(10), "redis-server on port " + port + " to answer");
        } catch (AssertionError e) {
            close();
            throw e;
        }
        return this;
    }

    /** @return the output of {@code redis-cli -p <port> args...}, trimmed */
    String cli(String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        return run(command);
    }

    /** Freezes the process (SIGSTOP): it holds its sockets open and answers nothing, like a hung server. */
    void freeze() {
        signal("STOP");
    }

    /** Resumes a frozen process. */
    void thaw() {
        signal("CONT");
    }

    /** SIGKILL, as a crash: no shutdown save, sockets reset. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            thaw();
            process.destroy();
            waitFor();
        }
    }

    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void await(BooleanSupplier condition, Duration atMost, String what) {
        long end = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + atMost + " for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private String cliQuiet(String... args) {
        try {
            return cli(args);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private void signal(String signal) {
        run(List.of("kill", "-" + signal, Long.toString(process.pid())));
    }

    private void waitFor() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port free now, with its cluster bus port (+10000) free too. */
    private static synchronized int freePort() {
        int start = ThreadLocalRandom.current().nextInt(PORTS);
        for (int i = 0; i < PORTS; i++) {
            int port = FIRST_PORT + (start + i) % PORTS;
            if (free(port) && free(port + 10000) && !USED.contains(port)) {
                USED.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + FIRST_PORT + "-" + (FIRST_PORT + PORTS - 1));
    }

    private static final List<Integer> USED = new ArrayList<>();

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("mizan-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
