package dev.mizan.ssr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkerPool#close()} at any moment, workers still starting included: once it returns, no
 * process the pool started is alive (checked by pid) and no thread of the pool is left.
 */
class PoolCloseIntegrationTest {

    @Test
    void closeWhileWorkersAreStillLoadingTheBundleEndsThemAndLeavesNoThread() throws Exception {
        // a bundle that takes a minute to load: its workers never say they are ready during this test
        Path slow = Fixtures.WORK.resolve("slow-start.mjs");
        Files.createDirectories(slow.getParent());
        Files.writeString(slow, "await new Promise((resolve) => setTimeout(resolve, 60_000));\n"
                + "export function render() { return { html: \"late\" }; }\n");
        SsrSettings s = new SsrSettings(Fixtures.NODE, slow.toString(), 2, Duration.ofSeconds(10), 10_000, 8_388_608, true, false);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        WorkerFiles files = WorkerFiles.extract(s.bundle(), getClass().getClassLoader());
        String script = files.script().toString();
        WorkerPool pool = new WorkerPool(s, files);
        List<Long> starting = awaitChildren(script, 2, Duration.ofSeconds(10));
        assertThat(pool.pids()).as("no worker is ready yet").isEmpty();

        long start = System.nanoTime();
        pool.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

        assertThat(starting).as("the workers that were starting").noneMatch(Fixtures::running);
        assertThat(children(script)).as("live processes of the pool").isEmpty();
        assertThat(newPoolThreads(before)).as("threads of the pool still alive").isEmpty();
    }

    @Test
    void closeRightAfterStartLeavesNoWorkerProcessAndNoThread() throws Exception {
        SsrSettings s = Fixtures.settings(2, Duration.ofSeconds(10), 10_000, true);
        for (int round = 0; round < 5; round++) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            WorkerFiles files = WorkerFiles.extract(s.bundle(), getClass().getClassLoader());
            String script = files.script().toString();
            WorkerPool pool = new WorkerPool(s, files);
            Fixtures.sleep(round * 20L); // close at different moments of the start
            pool.close();
            assertThat(children(script)).as("live processes of the pool, round %d", round).isEmpty();
            assertThat(newPoolThreads(before)).as("threads of the pool still alive, round %d", round).isEmpty();
            Fixtures.sleep(200);
            assertThat(children(script)).as("processes started after close(), round %d", round).isEmpty();
        }
    }

    /**
     * Every worker is in a render that never ends: close() gives them one grace together (2 s), not one each in
     * turn, and the renders it ends fail as "pool stopped", not as crashes whose workers would be replaced.
     */
    @Test
    void closeGivesBusyWorkersOneGraceTogetherAndTheirRendersFailAsStopped() throws Exception {
        WorkerPool pool = Fixtures.pool(Fixtures.settings(4, Duration.ofSeconds(60), 10_000, true));
        Fixtures.awaitAlive(pool, 4, Duration.ofSeconds(20));
        List<CompletableFuture<RenderResult>> looping = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            looping.add(CompletableFuture.supplyAsync(() -> render(pool, "loop")));
        }
        Fixtures.sleep(500); // every worker has taken its render
        long start = System.nanoTime();
        pool.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
        for (CompletableFuture<RenderResult> f : looping) {
            assertThatThrownBy(f::join).hasCauseInstanceOf(RenderException.class).satisfies(e -> {
                RenderException r = (RenderException) e.getCause();
                assertThat(r.kind()).isEqualTo(RenderException.Kind.UNAVAILABLE);
                assertThat(r.getMessage()).startsWith("MZSSR01018");
            });
        }
        assertThat(pool.state().crashes()).isZero();
    }

    /** A request waiting for a worker when the pool stops fails at once as "pool stopped", not after the timeout. */
    @Test
    void aRequestWaitingForAWorkerFailsAsSoonAsThePoolStops() throws Exception {
        WorkerPool pool = Fixtures.pool(Fixtures.settings(1, Duration.ofSeconds(10), 10_000, true));
        Fixtures.awaitAlive(pool, 1, Duration.ofSeconds(20));
        CompletableFuture<RenderResult> busy = CompletableFuture.supplyAsync(() -> render(pool, "loop"));
        Fixtures.sleep(300);
        CompletableFuture<RenderResult> waiting = CompletableFuture.supplyAsync(() -> render(pool, "loop"));
        Fixtures.sleep(300);
        long start = System.nanoTime();
        pool.close();
        assertThatThrownBy(() -> waiting.get(3, TimeUnit.SECONDS)).hasCauseInstanceOf(RenderException.class)
                .satisfies(e -> assertThat(e.getCause().getMessage()).startsWith("MZSSR01018"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThatThrownBy(busy::join).hasCauseInstanceOf(RenderException.class);
    }

    private static RenderResult render(WorkerPool pool, String entry) {
        try {
            return pool.render(Fixtures.request(entry, "{}"));
        } catch (RenderException e) {
            throw new CompletionException(e);
        }
    }

    /** @return the pids of this JVM's live child processes that run {@code script} */
    private static List<Long> children(String script) {
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> Arrays.asList(args).contains(script)).orElse(false))
                .map(ProcessHandle::pid)
                .toList();
    }

    private static List<Long> awaitChildren(String script, int count, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        List<Long> found = children(script);
        while (found.size() < count) {
            if (System.nanoTime() > end) {
                throw new AssertionError("expected " + count + " worker processes within " + within + ", found " + found);
            }
            Fixtures.sleep(20);
            found = children(script);
        }
        return found;
    }

    /** @return the names of the live {@code mizan-ssr-*} threads that were not there {@code before} */
    private static List<String> newPoolThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("mizan-ssr-") && !before.contains(t))
                .map(Thread::getName)
                .toList();
    }
}
