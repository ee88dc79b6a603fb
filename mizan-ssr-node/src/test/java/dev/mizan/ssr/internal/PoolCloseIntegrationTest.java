package dev.mizan.ssr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
