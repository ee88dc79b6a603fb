package dev.mizan.ssr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM ended by SIGTERM (shutdown hook) and one ended by SIGKILL (stdin EOF, or the worker's watch of
 * its parent) leave no worker, checked by pid.
 */
class JvmExitIntegrationTest {

    @Test
    void sigtermRunsTheShutdownHookAndNoWorkerIsLeft() throws Exception {
        Process jvm = startHolder();
        List<Long> pids = pids(jvm);
        jvm.destroy(); // SIGTERM
        assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Fixtures.awaitDead(pids, Duration.ofSeconds(5));
    }

    @Test
    void sigkillLeavesNoWorkerBecauseWorkersExitOnStdinEof() throws Exception {
        Process jvm = startHolder();
        List<Long> pids = pids(jvm);
        jvm.destroyForcibly(); // SIGKILL: no hook runs
        assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Fixtures.awaitDead(pids, Duration.ofSeconds(5));
    }

    /**
     * A worker reads its stdin only between renders, so its end goes unseen while a render never ends;
     * the worker's own thread sees its parent gone instead.
     */
    @Test
    void sigkillWhileEveryWorkerIsInARenderThatNeverEndsLeavesNoWorker() throws Exception {
        Process jvm = startHolder("busy");
        List<Long> pids = pids(jvm);
        jvm.destroyForcibly(); // SIGKILL
        assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Fixtures.awaitDead(pids, Duration.ofSeconds(5));
    }

    private static Process startHolder(String... mode) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dssr.js=" + Fixtures.JS, "-Dssr.work=" + Fixtures.WORK,
                PoolHolder.class.getName(), Fixtures.NODE, Fixtures.serverBundle().toString()));
        command.addAll(List.of(mode));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static List<Long> pids(Process jvm) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertThat(line).as("the holder JVM's pid line").startsWith("pids ");
        List<Long> pids = Arrays.stream(line.substring(5).split(" ")).map(Long::valueOf).toList();
        assertThat(pids).hasSize(2).allMatch(Fixtures::running);
        assertThat(pids.stream().map(p -> ProcessHandle.of(p).orElseThrow().parent().map(ProcessHandle::pid).orElse(-1L)))
                .as("workers are the holder JVM's children").containsOnly(jvm.pid());
        return pids;
    }
}
