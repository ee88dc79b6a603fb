package dev.mizan.ssr.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The test set-up shared by the integration tests: the fixture bundles built once with esbuild
 * (src/test/js/build.mjs), and pools over them. A missing Node, npm install or Chromium fails the
 * test with the reason; nothing is skipped.
 */
final class Fixtures {

    static final String NODE = System.getProperty("ssr.node", "node");
    static final Path JS = Path.of(System.getProperty("ssr.js", "src/test/js")).toAbsolutePath();
    static final Path NODE_MODULES = Path.of(System.getProperty("ssr.nodeModules", "node_modules")).toAbsolutePath();
    static final Path WORK = Path.of(System.getProperty("ssr.work", "target/ssr-it")).toAbsolutePath();
    static final Path BUN = NODE_MODULES.resolve("@oven/bun-linux-x64/bin/bun");

    private static Path built;

    private Fixtures() {
    }

    /** @return the directory holding server.mjs and client-*.js, built on first use */
    static synchronized Path bundles() {
        if (built == null) {
            Path out = WORK.resolve("bundles");
            run(List.of(NODE, JS.resolve("build.mjs").toString(), out.toString()), Duration.ofMinutes(2));
            built = out;
        }
        return built;
    }

    static Path serverBundle() {
        return bundles().resolve("server.mjs");
    }

    static SsrSettings settings(int size, Duration timeout, int maxRenders, boolean failOpen) {
        return new SsrSettings(NODE, serverBundle().toString(), size, timeout, maxRenders, 8_388_608, failOpen, false);
    }

    /** @return {@code node}'s settings with Bun as the command */
    static SsrSettings onBun(SsrSettings node) {
        return new SsrSettings(BUN.toString(), node.bundle(), node.poolSize(), node.timeout(), node.maxRenders(),
                node.maxReply(), node.failOpen(), node.dev());
    }

    static WorkerPool pool(SsrSettings s) {
        WorkerPool pool = new WorkerPool(s, WorkerFiles.extract(s.bundle(), Fixtures.class.getClassLoader()));
        awaitAlive(pool, s.poolSize(), Duration.ofSeconds(30));
        return pool;
    }

    static void awaitAlive(WorkerPool pool, int alive, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        while (pool.state().alive() != alive || pool.pids().size() != alive) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the pool did not reach " + alive + " live workers within " + within + ": " + pool.state());
            }
            sleep(20);
        }
    }

    static void awaitDead(List<Long> pids, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        while (pids.stream().anyMatch(Fixtures::running)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("worker processes still running after " + within + ": "
                        + pids.stream().filter(Fixtures::running).toList());
            }
            sleep(20);
        }
    }

    static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Runs a command, failing with its output unless it exits 0; @return its stdout */
    static String run(List<String> command, Duration timeout) {
        try {
            Path err = Files.createTempFile("mizan-ssr-test", ".err");
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout);
            }
            String stderr = Files.readString(err);
            Files.delete(err);
            if (p.exitValue() != 0) {
                throw new AssertionError(command + " exited " + p.exitValue() + ":\n" + stderr);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String html(RenderResult r) {
        return new String(r.html(), StandardCharsets.UTF_8);
    }

    static String head(RenderResult r) {
        return new String(r.head(), StandardCharsets.UTF_8);
    }

    static RenderRequest request(String entry, String propsJson) {
        return new RenderRequest(entry, propsJson, "/test", "{\"contexts\":{}}");
    }

    /** What the module logs ({@code dev.mizan.ssr}), formatted, from construction until {@link #close()}. */
    static final class Logged extends Handler implements AutoCloseable {

        private final List<String> lines = new ArrayList<>();
        private final List<LogRecord> records = new ArrayList<>();
        private final Logger logger = Logger.getLogger("dev.mizan.ssr");

        Logged() {
            logger.addHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord r) {
            lines.add(r.getParameters() == null ? r.getMessage() : MessageFormat.format(r.getMessage(), r.getParameters()));
            records.add(r);
        }

        /** A copy of the records so far, with their throwables. */
        synchronized List<LogRecord> records() {
            return List.copyOf(records);
        }

        /** A copy of the lines so far: workers' stderr threads keep logging while a test reads them. */
        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        /** Waits until the lines so far satisfy {@code done}, at most {@code within}; the test asserts after. */
        void await(java.util.function.Predicate<List<String>> done, Duration within) {
            long end = System.nanoTime() + within.toNanos();
            while (!done.test(lines()) && System.nanoTime() < end) {
                sleep(20);
            }
        }

        @Override
        public void flush() {
        }

        /** Stops collecting. */
        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
