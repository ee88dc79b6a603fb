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
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A {@code redis-server} process this test started, on a free port, in a directory of its own under
 * {@code target/redis-servers}; stopped by its pid. A missing {@code redis-server} fails the test with
 * the reason. Which binary runs is etc/redis-server.sh's choice, passed by the pom as
 * {@code mizan.test.redis.server} (README "Running the tests"); commands go through Jedis, so no
 * {@code redis-cli} is needed.
 */
final class RedisServer implements AutoCloseable {

    /** The redis-server binary: the pom sets it; run outside Maven, the one on the PATH. */
    static final String BINARY = System.getProperty("mizan.test.redis.server", "redis-server");

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
        List<String> command = new ArrayList<>(List.of(BINARY, "--port", Integer.toString(port),
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
        return new RedisServer(port, dir, List.of(BINARY, conf.toString(), "--sentinel")).launch();
    }

    /**
     * Starts a Redis Cluster of masters only, as {@code redis-cli --cluster create} does, by commands: a
     * config epoch each, their slots, every node met, then waits for the cluster to settle (Redis 6.2 lacks
     * {@code CLUSTER ADDSLOTSRANGE}).
     *
     * @param owner the index of the master owning each slot (0 to 16383)
     */
    static List<RedisServer> cluster(int masters, Duration nodeTimeout, IntUnaryOperator owner) {
        List<RedisServer> nodes = new ArrayList<>();
        for (int i = 0; i < masters; i++) {
            nodes.add(start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", Long.toString(nodeTimeout.toMillis())));
        }
        List<List<String>> addSlots = new ArrayList<>();
        for (int i = 0; i < masters; i++) {
            addSlots.add(new ArrayList<>(List.of("CLUSTER", "ADDSLOTS")));
        }
        for (int slot = 0; slot < SLOTS; slot++) {
            addSlots.get(owner.applyAsInt(slot)).add(Integer.toString(slot));
        }
        for (int i = 0; i < masters; i++) {
            RedisServer m = nodes.get(i);
            expectOk(m.send("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1)));
            expectOk(m.send(addSlots.get(i).toArray(String[]::new)));
        }
        for (RedisServer m : nodes.subList(1, masters)) {
            expectOk(nodes.get(0).send("CLUSTER", "MEET", "127.0.0.1", Integer.toString(m.port)));
        }
        for (RedisServer m : nodes) {
            await(() -> {
                String info = m.send("CLUSTER", "INFO");
                return info.contains("cluster_state:ok") && info.contains("cluster_slots_assigned:" + SLOTS)
                        && info.contains("cluster_known_nodes:" + masters);
            }, Duration.ofSeconds(20), "cluster_state:ok with every slot and node on " + m.port);
        }
        return nodes;
    }

    static final int SLOTS = 16384;

    private static void expectOk(String reply) {
        if (!reply.equals("OK")) {
            throw new IllegalStateException(reply);
        }
    }

    /** Starts this server again (same port, same directory: a {@code dump.rdb} there is loaded). */
    RedisServer launch() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (see etc/redis-server.sh, or set -Dmizan.test.redis.server): " + command, e);
        }
        try {
            await(() -> answers(port), Duration.ofSeconds(10), "redis-server on port " + port + " to answer");
        } catch (AssertionError e) {
            close();
            throw e;
        }
        return this;
    }

    /**
     * Sends one command over a connection of its own.
     *
     * @return the reply as {@code redis-cli} prints it when piped: an array's elements (nested ones
     * flattened) one per line, a nil as an empty line, an error as its text ({@code MOVED 3999 ...})
     */
    String send(String... args) {
        return send(port, args);
    }

    /** Whether a Redis answers PING on 127.0.0.1:{@code port} (NOAUTH is an answer too: a server started with --requirepass). */
    static boolean answers(int port) {
        try {
            String reply = send(port, "PING");
            return reply.equals("PONG") || reply.startsWith("NOAUTH");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String send(int port, String... args) {
        ProtocolCommand name = () -> args[0].getBytes(StandardCharsets.UTF_8);
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder().timeoutMillis(5_000).build())) {
            return text(jedis.sendCommand(name, List.of(args).subList(1, args.length).toArray(String[]::new))).trim();
        } catch (JedisDataException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static String text(Object reply) {
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            return list.stream().map(RedisServer::text).collect(Collectors.joining("\n"));
        }
        return reply == null ? "" : reply.toString();
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

    /** Under the module's target/ (not /tmp): the next clean removes them, and a failed run's logs are beside its reports. */
    private static final Path DIRS = Path.of("target", "redis-servers").toAbsolutePath();

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory(Files.createDirectories(DIRS), name + "-");
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
