package dev.mizan.ssr.internal;

import static dev.mizan.ssr.internal.Fixtures.awaitAlive;
import static dev.mizan.ssr.internal.Fixtures.awaitDead;
import static dev.mizan.ssr.internal.Fixtures.head;
import static dev.mizan.ssr.internal.Fixtures.html;
import static dev.mizan.ssr.internal.Fixtures.pool;
import static dev.mizan.ssr.internal.Fixtures.request;
import static dev.mizan.ssr.internal.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.ssr.SsrState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The pool against real Node processes running the fixture bundle: concurrency, faults, recycling, logging. */
class PoolIntegrationTest {

    @Test
    void sixtyFourThreadsThroughTwoWorkersEachGetTheirOwnPage() throws Exception {
        try (WorkerPool pool = pool(settings(2, Duration.ofSeconds(10), 10_000, true))) {
            ExecutorService threads = Executors.newFixedThreadPool(64);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int t = 0; t < 64; t++) {
                    int thread = t;
                    results.add(threads.submit(() -> {
                        List<String> wrong = new ArrayList<>();
                        for (int i = 0; i < 20; i++) {
                            String n = thread + "-" + i;
                            // replies of very different sizes, so an interleaving would cut through a page
                            String pad = "é€𝄞".repeat(ThreadLocalRandom.current().nextInt(0, 3000));
                            RenderResult r = pool.render(request("echo", "{\"n\":\"" + n + "\",\"pad\":\"" + pad + "\"}"));
                            String expected = "<pre>{\"props\":{\"n\":\"" + n + "\",\"pad\":\"" + pad + "\"},\"url\":\"/test\",\"data\":{\"contexts\":{}}}</pre>";
                            if (!html(r).equals(expected) || !head(r).equals("<meta name=\"n\" content=\"" + n + "\">")) {
                                wrong.add(n);
                            }
                        }
                        return wrong;
                    }));
                }
                for (Future<List<String>> f : results) {
                    assertThat(f.get()).as("answers that were not the caller's own").isEmpty();
                }
            } finally {
                threads.shutdownNow();
            }
            SsrState s = pool.state();
            assertThat(s.renders()).isEqualTo(64 * 20);
            assertThat(s.crashes()).isZero();
            assertThat(s.alive()).isEqualTo(2);
        }
    }

    @Test
    void aWorkerKilledMidRenderFailsThatRenderAndThePoolIsWholeAgain() throws Exception {
        try (WorkerPool pool = pool(settings(2, Duration.ofSeconds(10), 10_000, true))) {
            List<Long> before = pool.pids();
            // one render through PageRenderer, to see the page fall back to the shell with its data
            PageRenderer pages = new PageRenderer(new FixedContexts(Map.of("todos", "[1,2]"), Map.of()), pool,
                    jakarta.json.bind.JsonbBuilder.create(), true);
            CompletableFuture<HtmlDocument> page = CompletableFuture.supplyAsync(() ->
                    pages.render(dev.mizan.Page.of("slow").props(Map.of("ms", 4000)).context("todos", Map.of()), "/"));
            CompletableFuture<RenderResult> a = CompletableFuture.supplyAsync(() -> render(pool, "slow", "{\"ms\":4000}"));
            Fixtures.sleep(500); // both workers are rendering now
            before.forEach(pid -> ProcessHandle.of(pid).orElseThrow().destroyForcibly()); // SIGKILL
            assertThatThrownBy(a::join).hasCauseInstanceOf(RenderException.class)
                    .satisfies(e -> assertThat(((RenderException) e.getCause()).kind()).isEqualTo(RenderException.Kind.CRASH));
            HtmlDocument fallback = page.join();
            assertThat(fallback.rendered()).isFalse();
            assertThat(fallback.html()).isEmpty();
            assertThat(fallback.dataJson()).startsWith("{\"contexts\":{\"todos|{}\":{\"data\":[1,2],\"updatedAt\":");
            awaitAlive(pool, 2, Duration.ofSeconds(5));
            assertThat(pool.pids()).doesNotContainAnyElementsOf(before);
            assertThat(html(pool.render(request("slow", "{\"ms\":1}")))).isEqualTo("<p>slow 1</p>");
            assertThat(pool.state().crashes()).isEqualTo(2);
            assertThat(pool.state().fallbacks()).isEqualTo(1);
        }
    }

    @Test
    void anIdleWorkerThatDiesIsReplacedWithoutWaitingForARender() throws Exception {
        try (WorkerPool pool = pool(settings(2, Duration.ofSeconds(10), 10_000, true))) {
            long victim = pool.pids().get(0);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while ((pool.pids().contains(victim) || pool.state().alive() != 2) && System.nanoTime() < end) {
                Fixtures.sleep(20);
            }
            assertThat(pool.pids()).hasSize(2).doesNotContain(victim);
            assertThat(pool.state().renders()).as("no render was needed to notice").isZero();
            assertThat(pool.state().crashes()).isEqualTo(1);
        }
    }

    @Test
    void aComponentThatLoopsForeverTimesOutItsWorkerIsReplacedAndOtherRendersGoOn() throws Exception {
        try (WorkerPool pool = pool(settings(2, Duration.ofSeconds(1), 10_000, true))) {
            long start = System.nanoTime();
            CompletableFuture<RenderResult> looping = CompletableFuture.supplyAsync(() -> render(pool, "loop", "{}"));
            List<String> others = Collections.synchronizedList(new ArrayList<>());
            while (!looping.isDone()) {
                others.add(html(pool.render(request("slow", "{\"ms\":5}"))));
            }
            assertThatThrownBy(looping::join).hasCauseInstanceOf(RenderException.class)
                    .satisfies(e -> assertThat(((RenderException) e.getCause()).kind()).isEqualTo(RenderException.Kind.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
            assertThat(others).hasSizeGreaterThan(10).allMatch("<p>slow 5</p>"::equals);
            awaitAlive(pool, 2, Duration.ofSeconds(5));
            assertThat(pool.state().timeouts()).isEqualTo(1);
        }
    }

    @Test
    void aWorkerIsRecycledAfterMaxRendersAndTheOldOneExits() throws Exception {
        try (WorkerPool pool = pool(settings(1, Duration.ofSeconds(10), 3, true))) {
            List<String> pids = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (new HashSet<>(pids).size() < 3 && System.nanoTime() < end) {
                pids.add(html(pool.render(request("pid", "{}"))));
                Fixtures.sleep(20);
            }
            // each worker renders at least max-renders pages, in one run: it serves until its replacement is ready
            List<String> runs = new ArrayList<>();
            for (String pid : pids) {
                if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(pid)) {
                    runs.add(pid);
                }
            }
            assertThat(runs).hasSize(3).doesNotHaveDuplicates();
            for (String pid : runs.subList(0, 2)) {
                assertThat(pids.stream().filter(pid::equals).count()).isGreaterThanOrEqualTo(3);
            }
            awaitDead(List.of(Long.parseLong(runs.get(0)), Long.parseLong(runs.get(1))), Duration.ofSeconds(5));
            assertThat(pool.state().crashes()).isZero();
            assertThat(pool.pids()).containsExactly(Long.parseLong(runs.get(2)));
        }
    }

    /** mizan.ssr.command-options reach the worker's command line, before its script: Node takes them as its own. */
    @Test
    void commandOptionsReachTheWorkersRuntime() throws Exception {
        Path argv = Fixtures.WORK.resolve("argv-bundle.mjs");
        Files.writeString(argv, "import v8 from 'node:v8';\n"
                + "export function render() { return { html: JSON.stringify({ execArgv: process.execArgv,"
                + " oldSpace: v8.getHeapStatistics().heap_size_limit }) }; }\n");
        SsrSettings s = new SsrSettings(Fixtures.NODE, argv.toString(), 1, Duration.ofSeconds(10), 10_000, 8_388_608, true, false,
                List.of("--min-semi-space-size=16", "--max-old-space-size=256"));
        try (WorkerPool pool = pool(s)) {
            String html = html(pool.render(request("argv", "{}")));
            assertThat(html).startsWith("{\"execArgv\":[\"--min-semi-space-size=16\",\"--max-old-space-size=256\"]");
            // V8 applied the option, not only Node's argv: the old generation is limited to 256 MB (the limit
            // reported also holds the young generation, a few tens of MB)
            long limit = Long.parseLong(html.replaceAll(".*\"oldSpace\":(\\d+).*", "$1"));
            assertThat(limit).isBetween(256L << 20, 384L << 20);
        }
    }

    /** With one worker and a bundle that loads slower than the timeout, a recycle must leave no gap. */
    @Test
    void aRecycledWorkerServesUntilItsReplacementIsReady() throws Exception {
        Path slow = Fixtures.WORK.resolve("slow-bundle.mjs");
        Files.writeString(slow, "await new Promise((r) => setTimeout(r, 1500));\n"
                + "export function render() { return { html: String(process.pid) }; }\n");
        SsrSettings s = new SsrSettings(Fixtures.NODE, slow.toString(), 1, Duration.ofSeconds(1), 3, 8_388_608, true, false);
        try (WorkerPool pool = pool(s)) {
            List<String> pids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                pids.add(html(pool.render(request("pid", "{}")))); // none may wait a second for a worker
                assertThat(pool.state().up()).as("render %d", i).isTrue();
                Fixtures.sleep(100);
            }
            assertThat(new HashSet<>(pids)).hasSizeGreaterThanOrEqualTo(2);
            assertThat(pool.state().crashes()).isZero();
            assertThat(pool.pids()).hasSize(1);
        }
    }

    @Test
    void aRecycledWorkerThatTimesOutAfterItsReplacementIsReadyLeavesOneWorker() throws Exception {
        handedOverWorkerFails(RenderException.Kind.TIMEOUT);
    }

    @Test
    void aRecycledWorkerThatDiesAfterItsReplacementIsReadyLeavesOneWorker() throws Exception {
        handedOverWorkerFails(RenderException.Kind.CRASH);
    }

    /**
     * A pool of one that recycles after every render: the old worker's render outlasts its replacement's
     * start, then times out or dies. The replacement is in the pool already, and must stay the only
     * worker: no second one started, counted as alive and never given a render.
     */
    private void handedOverWorkerFails(RenderException.Kind how) throws Exception {
        WorkerFiles files = WorkerFiles.extract(Fixtures.serverBundle().toString(), getClass().getClassLoader());
        SsrSettings s = new SsrSettings(Fixtures.NODE, Fixtures.serverBundle().toString(), 1, Duration.ofSeconds(3), 1,
                8_388_608, true, false);
        try (WorkerPool pool = new WorkerPool(s, files)) {
            awaitAlive(pool, 1, Duration.ofSeconds(30));
            long old = Long.parseLong(html(pool.render(request("pid", "{}")))); // past max-renders: its replacement starts
            CompletableFuture<RenderResult> slow = CompletableFuture.supplyAsync(() -> render(pool, "slow", "{\"ms\":10000}"));
            awaitAlive(pool, 2, Duration.ofMillis(2500)); // the replacement is ready, the old worker still renders
            if (how == RenderException.Kind.CRASH) {
                ProcessHandle.of(old).orElseThrow().destroyForcibly();
            }
            assertThatThrownBy(slow::join).hasCauseInstanceOf(RenderException.class)
                    .satisfies(e -> assertThat(((RenderException) e.getCause()).kind()).isEqualTo(how));
            Fixtures.sleep(1500); // a second replacement would be ready by now
            assertThat(pool.state().alive()).isEqualTo(1);
            List<Long> serving = pool.pids();
            assertThat(serving).hasSize(1).doesNotContain(old);
            assertThat(workerProcesses(files)).as("the pool's worker processes still running").isEqualTo(serving);
            assertThat(html(pool.render(request("pid", "{}")))).isEqualTo(serving.get(0).toString());
        }
    }

    /** @return the pids of this JVM's running processes started with {@code files}' worker script */
    private static List<Long> workerProcesses(WorkerFiles files) {
        String script = files.script().toString();
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(script)).orElse(false))
                .map(ProcessHandle::pid).sorted().toList();
    }

    @Test
    void repliesLargerThanAPipeHoldsAndSmallOnesInTurnComeBackWhole() throws Exception {
        // a pipe holds 64 KB, so a larger reply leaves in parts; the worker keeps one reply's buffer for
        // the next, and sizes going up and down have it reused for less than it held and replaced for more
        try (WorkerPool pool = pool(settings(1, Duration.ofSeconds(10), 10_000, true))) {
            for (int reps : new int[] {40_000, 1, 12_000, 0, 90_000, 7, 40_000}) {
                String pad = "é€𝄞".repeat(reps);
                RenderResult r = pool.render(request("echo", "{\"n\":\"" + reps + "\",\"pad\":\"" + pad + "\"}"));
                assertThat(html(r)).as("the page of %d repetitions", reps)
                        .isEqualTo("<pre>{\"props\":{\"n\":\"" + reps + "\",\"pad\":\"" + pad + "\"},\"url\":\"/test\",\"data\":{\"contexts\":{}}}</pre>");
                assertThat(head(r)).isEqualTo("<meta name=\"n\" content=\"" + reps + "\">");
            }
            assertThat(pool.state().crashes()).isZero();
        }
    }

    @Test
    void aRenderErrorKeepsTheWorkerAndTheNextRenderWorks() throws Exception {
        try (WorkerPool pool = pool(settings(1, Duration.ofSeconds(10), 10_000, true))) {
            String pid = html(pool.render(request("pid", "{}")));
            assertThatThrownBy(() -> pool.render(request("throw", "{}"))).isInstanceOf(RenderException.class)
                    .hasMessageContaining("the page broke")
                    .satisfies(e -> assertThat(((RenderException) e).kind()).isEqualTo(RenderException.Kind.ERROR));
            assertThat(html(pool.render(request("pid", "{}")))).isEqualTo(pid);
            RenderResult notFound = pool.render(request("status", "{}"));
            assertThat(notFound.status()).isEqualTo(404);
        }
    }

    @Test
    void aLongErrorMessageAThrownValueWithoutTextAndThrowingGettersAreRenderErrorsNotCrashes() throws Exception {
        try (WorkerPool pool = pool(settings(1, Duration.ofSeconds(10), 10_000, true))) {
            String pid = html(pool.render(request("pid", "{}")));
            // 40 KB of message, and its stack repeats it: more than the 64 KB a header line may take
            assertThatThrownBy(() -> pool.render(request("throwLong", "{}"))).isInstanceOf(RenderException.class)
                    .hasMessageContaining("the page broke at length")
                    .satisfies(e -> assertThat(((RenderException) e).kind()).isEqualTo(RenderException.Kind.ERROR));
            assertThatThrownBy(() -> pool.render(request("throwOdd", "{}"))).isInstanceOf(RenderException.class)
                    .satisfies(e -> assertThat(((RenderException) e).kind()).isEqualTo(RenderException.Kind.ERROR));
            assertThatThrownBy(() -> pool.render(request("throwGetters", "{}"))).isInstanceOf(RenderException.class)
                    .satisfies(e -> assertThat(((RenderException) e).kind()).isEqualTo(RenderException.Kind.ERROR));
            assertThat(html(pool.render(request("pid", "{}")))).isEqualTo(pid);
            assertThat(pool.state().crashes()).isZero();
        }
    }

    @Test
    void consoleAndStrayStdoutOfTheBundleGoToTheJvmLogNotIntoThePage() throws Exception {
        try (Fixtures.Logged log = new Fixtures.Logged(); WorkerPool pool = pool(settings(1, Duration.ofSeconds(10), 10_000, true))) {
            for (int i = 0; i < 5; i++) {
                assertThat(html(pool.render(request("noisy", "{\"n\":" + i + "}")))).isEqualTo("<p>quiet " + i + "</p>");
            }
            log.await(lines -> lines.stream().filter(l -> l.contains("a stray stdout write")).count() >= 5, Duration.ofSeconds(5));
            assertThat(log.lines()).filteredOn(l -> l.startsWith("MZSSR01006: [ssr worker "))
                    .anyMatch(l -> l.endsWith("] console.log from the bundle"))
                    .anyMatch(l -> l.endsWith("] console.info from the bundle"))
                    .filteredOn(l -> l.endsWith("] a stray stdout write")).hasSize(5);
        }
    }

    @Test
    void underBunTooTheBundlesConsoleGoesToTheJvmLogNotIntoThePipe() throws Exception {
        try (Fixtures.Logged log = new Fixtures.Logged();
             WorkerPool pool = pool(Fixtures.onBun(settings(1, Duration.ofSeconds(10), 10_000, true)))) {
            for (int i = 0; i < 3; i++) {
                assertThat(html(pool.render(request("noisy", "{\"n\":" + i + "}")))).isEqualTo("<p>quiet " + i + "</p>");
            }
            log.await(lines -> lines.stream().filter(l -> l.endsWith("] node:console from the bundle")).count() >= 3, Duration.ofSeconds(5));
            assertThat(log.lines()).filteredOn(l -> l.endsWith("] node:console from the bundle")).hasSize(3);
            assertThat(pool.state().crashes()).isZero();
        }
    }

    @Test
    void aRejectionOrExceptionAnEarlierRenderLeftBehindIsLoggedAndTheNextRenderWorks() throws Exception {
        strayFailuresOf(settings(1, Duration.ofSeconds(10), 10_000, true));
    }

    @Test
    void underBunTooARejectionAnEarlierRenderLeftBehindIsLoggedAndTheNextRenderWorks() throws Exception {
        strayFailuresOf(Fixtures.onBun(settings(1, Duration.ofSeconds(10), 10_000, true)));
    }

    /** One user's render leaves a rejection or a throw behind, which fires while another user's render awaits. */
    private void strayFailuresOf(SsrSettings node) throws Exception {
        Path bundle = Fixtures.WORK.resolve("stray-bundle.mjs");
        Files.writeString(bundle, """
                export async function render({ entry, props }) {
                  if (entry === "reject") setTimeout(() => { Promise.reject(new Error("a rejection left behind")); }, 10);
                  if (entry === "throw") setTimeout(() => { throw new Error("a throw left behind"); }, 10);
                  if (entry === "slow") await new Promise((r) => setTimeout(r, props.ms));
                  return { html: entry === "pid" ? String(process.pid) : entry + " ok" };
                }
                """);
        SsrSettings s = new SsrSettings(node.command(), bundle.toString(), 1, node.timeout(), node.maxRenders(),
                node.maxReply(), true, false);
        try (Fixtures.Logged log = new Fixtures.Logged(); WorkerPool pool = pool(s)) {
            String pid = html(pool.render(request("pid", "{}")));
            for (String leaves : List.of("reject", "throw")) {
                assertThat(html(pool.render(request(leaves, "{}")))).isEqualTo(leaves + " ok");
                assertThat(html(pool.render(request("slow", "{\"ms\":200}")))).as("after %s", leaves).isEqualTo("slow ok");
            }
            assertThat(html(pool.render(request("pid", "{}")))).isEqualTo(pid);
            assertThat(pool.state().crashes()).isZero();
            log.await(lines -> lines.stream().anyMatch(l -> l.contains("a throw left behind")), Duration.ofSeconds(5));
            assertThat(log.lines()).filteredOn(l -> l.startsWith("MZSSR01006: [ssr worker " + pid + "] "))
                    .anyMatch(l -> l.endsWith("] an unhandled promise rejection in the bundle (the worker goes on): Error: a rejection left behind"))
                    .anyMatch(l -> l.endsWith("] an uncaught exception in the bundle (the worker goes on): Error: a throw left behind"));
        }
    }

    @Test
    void aReplyHeaderOfTheWrongShapeIsAProtocolErrorAndTheWorkerIsReplaced() throws Exception {
        try (WorkerPool pool = pool(settings(1, Duration.ofSeconds(10), 10_000, true))) {
            String before = html(pool.render(request("pid", "{}")));
            assertThatThrownBy(() -> pool.render(request("forge", "{}"))).isInstanceOf(RenderException.class)
                    .hasMessageContaining("MZSSR01014")
                    .satisfies(e -> assertThat(((RenderException) e).kind()).isEqualTo(RenderException.Kind.CRASH));
            awaitAlive(pool, 1, Duration.ofSeconds(5));
            String after = html(pool.render(request("pid", "{}")));
            assertThat(after).isNotEqualTo(before);
            assertThat(pool.state().crashes()).isEqualTo(1);
        }
    }

    @Test
    void aReplyLargerThanMaxReplyIsRefusedAndTheWorkerReplaced() throws Exception {
        SsrSettings s = settings(1, Duration.ofSeconds(10), 10_000, true);
        s = new SsrSettings(s.command(), s.bundle(), 1, s.timeout(), s.maxRenders(), 1000, true, false);
        try (WorkerPool pool = pool(s)) {
            assertThat(html(pool.render(request("big", "{\"size\":1000}")))).hasSize(1000);
            assertThatThrownBy(() -> pool.render(request("big", "{\"size\":1001}"))).isInstanceOf(RenderException.class)
                    .hasMessageContaining("MZSSR01011");
            awaitAlive(pool, 1, Duration.ofSeconds(5));
            assertThat(html(pool.render(request("big", "{\"size\":10}")))).hasSize(10);
        }
    }

    @Test
    void aReplyHeaderWhoseLengthsOverflowIsRefusedAndTheWorkerReplaced() throws Exception {
        try (WorkerPool pool = pool(settings(1, Duration.ofSeconds(10), 10_000, true))) {
            // the pool's first request has id 1
            assertThatThrownBy(() -> pool.render(request("forgeHuge", "{\"id\":1}"))).isInstanceOf(RenderException.class)
                    .hasMessageContaining("MZSSR01011")
                    .satisfies(e -> assertThat(((RenderException) e).kind()).isEqualTo(RenderException.Kind.CRASH));
            awaitAlive(pool, 1, Duration.ofSeconds(5));
            assertThat(html(pool.render(request("big", "{\"size\":10}")))).hasSize(10);
            assertThat(pool.state().crashes()).isEqualTo(1);
        }
    }

    @Test
    void aLongStderrLineIsLoggedCutAndTheLinesAfterItWhole() throws Exception {
        try (Fixtures.Logged log = new Fixtures.Logged(); WorkerPool pool = pool(settings(1, Duration.ofSeconds(10), 10_000, true))) {
            assertThat(html(pool.render(request("flood", "{\"chars\":3000000}")))).isEqualTo("<p>flooded</p>");
            log.await(lines -> lines.stream().anyMatch(l -> l.endsWith("] after the flood")), Duration.ofSeconds(10));
            List<String> worker = log.lines().stream().filter(l -> l.startsWith("MZSSR01006: [ssr worker ")).toList();
            assertThat(worker).anyMatch(l -> l.endsWith("] after the flood"));
            String flood = worker.stream().filter(l -> l.contains("zzz")).findFirst().orElseThrow();
            assertThat(flood).endsWith("zzz... (" + (3_000_000 - LogLines.MAX_CHARS) + " more characters cut)");
            assertThat(flood.length()).isLessThan(LogLines.MAX_CHARS + 200);
        }
    }

    @Test
    void aBundleThatAsksWhetherStdinIsATerminalLeavesTheProtocolPipeAlone() throws Exception {
        try (WorkerPool pool = pool(settings(1, Duration.ofSeconds(10), 10_000, true))) {
            long pid = pool.pids().get(0);
            assertThat(html(pool.render(request("stdinTty", "{}")))).isEqualTo("undefined");
            // in Node, process.stdin.isTTY opens fd 0 as a stream, which makes the pipe non-blocking: the idle
            // worker would then poll it every millisecond
            assertThat(nonBlocking(pid, "0")).as("O_NONBLOCK on the worker's stdin").isFalse();
            assertThat(html(pool.render(request("pid", "{}")))).isEqualTo(Long.toString(pid));
        }
    }

    @Test
    void underNodeAndBunRepliesLeaveThroughABlockingDescriptionOfStdoutsPipe() throws Exception {
        // Node makes fd 1 non-blocking when a thread starts, Bun when process.stdout is replaced; a reply
        // larger than the pipe would then meet EAGAIN and a wait. The worker writes through a description
        // of its own on the same pipe, which must have stayed blocking after a render of such a reply.
        for (SsrSettings settings : List.of(settings(1, Duration.ofSeconds(10), 10_000, true),
                Fixtures.onBun(settings(1, Duration.ofSeconds(10), 10_000, true)))) {
            try (WorkerPool pool = pool(settings)) {
                long pid = pool.pids().get(0);
                String pad = "x".repeat(100_000);
                assertThat(html(pool.render(request("echo", "{\"pad\":\"" + pad + "\"}")))).contains(pad);
                Path fds = Path.of("/proc/" + pid + "/fd");
                Path stdout = Files.readSymbolicLink(fds.resolve("1"));
                List<String> blocking = new ArrayList<>();
                try (var entries = Files.list(fds)) {
                    for (Path fd : entries.toList()) {
                        String name = fd.getFileName().toString();
                        if (stdout.equals(readLinkOrNull(fd)) && !nonBlocking(pid, name)) {
                            blocking.add(name);
                        }
                    }
                }
                assertThat(blocking).as("%s worker %d: blocking descriptions of its stdout %s", settings.command(), pid, stdout)
                        .isNotEmpty();
            }
        }
    }

    /** @return whether the file description behind {@code fd} of process {@code pid} has O_NONBLOCK set */
    private static boolean nonBlocking(long pid, String fd) throws IOException {
        String flags = Files.readAllLines(Path.of("/proc/" + pid + "/fdinfo/" + fd)).stream()
                .filter(l -> l.startsWith("flags:")).findFirst().orElseThrow().replaceAll("\\D", "");
        return (Long.parseLong(flags, 8) & 04000) != 0;
    }

    /** @return the target of the link, or null when the descriptor closed meanwhile */
    private static Path readLinkOrNull(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void whileNoWorkerCanStartARenderIsUnavailableAtOnceNotAfterTheTimeout() throws Exception {
        Fixtures.Logged log = new Fixtures.Logged();
        try (log; WorkerPool pool = withoutNode(Duration.ofSeconds(5))) {
            log.await(lines -> lines.stream().anyMatch(l -> l.startsWith("MZSSR01001")), Duration.ofSeconds(5));
            long start = System.nanoTime();
            assertThatThrownBy(() -> pool.render(request("pid", "{}"))).isInstanceOf(RenderException.class)
                    .hasMessageContaining("MZSSR01016")
                    .satisfies(e -> assertThat(((RenderException) e).kind()).isEqualTo(RenderException.Kind.UNAVAILABLE));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void noFreeWorkerWithinTheTimeoutIsUnavailable() throws Exception {
        try (WorkerPool pool = pool(settings(1, Duration.ofMillis(1000), 10_000, true))) {
            CompletableFuture<RenderResult> holding = CompletableFuture.supplyAsync(() -> render(pool, "slow", "{\"ms\":800}"));
            CompletableFuture<RenderResult> second = CompletableFuture.supplyAsync(() -> render(pool, "slow", "{\"ms\":800}"));
            Fixtures.sleep(100);
            long start = System.nanoTime();
            assertThatThrownBy(() -> pool.render(request("slow", "{\"ms\":1}"))).isInstanceOf(RenderException.class)
                    .satisfies(e -> assertThat(((RenderException) e).kind()).isEqualTo(RenderException.Kind.UNAVAILABLE));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            holding.join();
            second.join();
        }
    }

    @Test
    void inDevModeAChangedBundleReplacesTheWorkers() throws Exception {
        Path copy = Fixtures.WORK.resolve("dev-bundle.mjs");
        Files.copy(Fixtures.serverBundle(), copy, StandardCopyOption.REPLACE_EXISTING);
        SsrSettings s = new SsrSettings(Fixtures.NODE, copy.toString(), 1, Duration.ofSeconds(10), 10_000, 8_388_608, true, true);
        try (WorkerPool pool = pool(s)) {
            String first = html(pool.render(request("pid", "{}")));
            Files.writeString(copy, "\n// changed\n", StandardOpenOption.APPEND);
            Fixtures.sleep(1100);
            String after = first;
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (after.equals(first) && System.nanoTime() < end) {
                try {
                    after = html(pool.render(request("pid", "{}")));
                } catch (RenderException e) {
                    // the replacement may still be starting
                }
            }
            assertThat(after).isNotEqualTo(first);
            awaitDead(List.of(Long.parseLong(first)), Duration.ofSeconds(5));
        }
    }

    @Test
    void aWorkerThatCannotStartIsRetriedWithBackoffAndRendersAreUnavailable() throws Exception {
        Fixtures.Logged log = new Fixtures.Logged();
        try (log; WorkerPool pool = withoutNode(Duration.ofMillis(500))) {
            Fixtures.sleep(1000);
            assertThat(pool.state().alive()).isZero();
            assertThat(pool.state().up()).isFalse();
            assertThatThrownBy(() -> pool.render(request("pid", "{}"))).isInstanceOf(RenderException.class)
                    .satisfies(e -> assertThat(((RenderException) e).kind()).isEqualTo(RenderException.Kind.UNAVAILABLE));
        }
        // attempts at 0, 100, 300, 700 ms ...: the waits double
        assertThat(log.lines()).filteredOn(l -> l.startsWith("MZSSR01001: an SSR worker could not start"))
                .extracting(l -> l.replaceAll(".*trying again in (\\d+) ms", "$1"))
                .startsWith("100", "200", "400");
    }

    @Test
    void closeEndsEveryWorker() throws Exception {
        WorkerPool pool = pool(settings(2, Duration.ofSeconds(10), 10_000, true));
        List<Long> pids = pool.pids();
        assertThat(pids).hasSize(2).allMatch(Fixtures::running);
        pool.close();
        awaitDead(pids, Duration.ofSeconds(3));
        assertThat(pool.state().alive()).isZero();
        assertThatThrownBy(() -> pool.render(request("pid", "{}"))).isInstanceOf(RenderException.class);
    }

    @Test
    void workersExitWhenTheirStdinEnds() throws Exception {
        WorkerFiles files = WorkerFiles.extract(Fixtures.serverBundle().toString(), getClass().getClassLoader());
        try {
            Process p = new ProcessBuilder(Fixtures.NODE, files.script().toString(), files.bundle().toString()).start();
            assertThat(new String(p.getInputStream().readNBytes(15), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"ready\":true}\n");
            p.getOutputStream().close();
            assertThat(p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).as("exited on stdin EOF").isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            files.close();
        }
    }

    /** A pool of one whose command does not exist, so no worker ever starts (not waited for, unlike {@code pool}). */
    private WorkerPool withoutNode(Duration timeout) {
        SsrSettings s = new SsrSettings(Fixtures.WORK.resolve("no-such-node").toString(), Fixtures.serverBundle().toString(),
                1, timeout, 10_000, 8_388_608, true, false);
        return new WorkerPool(s, WorkerFiles.extract(s.bundle(), getClass().getClassLoader()));
    }

    private static RenderResult render(WorkerPool pool, String entry, String props) {
        try {
            return pool.render(request(entry, props));
        } catch (RenderException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }
}
