import dev.mizan.ssr.internal.RenderException;
import dev.mizan.ssr.internal.RenderRequest;
import dev.mizan.ssr.internal.SsrSettings;
import dev.mizan.ssr.internal.WorkerFiles;
import dev.mizan.ssr.internal.WorkerPool;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * bench/ssr.sh's harness (single-file program). For a large (~80 KB) and a small (~10 KB) React page:
 * renderToString inside one Node/Bun process (the ceiling), the mizan-ssr-node pool with 1 worker x 1
 * client thread and 2 x 2 (Node and Bun), an Inertia-style HTTP render server (node:cluster, JSON reply)
 * with 1 and 2 workers, and GraalJS in a JVM after a warm-up. Sides alternate within each round,
 * the starting side rotates between rounds; ratios are computed per round and the median is printed.
 * GraalJS runs in a JVM of its own (this program started again), warmed up once, then measured in turn
 * like every other side, so its engine never shares this JVM with the pool's client threads.
 *
 * java SsrBench.java <bundle dir> <node> <bun> <seconds> <rounds> <graal warm-up seconds> <port base>
 */
public class SsrBench {

    /**
     * One side's round: {@code over3} is the percentage of renders slower than 3 x p50, which p99 <= 3 x p50
     * allows up to 1 %: it says how far a side is from that target, and whether it is a few very slow
     * renders (collections) or many somewhat slow ones.
     */
    record Stats(double rate, double p50us, double p99us, double over3) {
    }

    static Path dir;
    static String node;
    static String bun;
    static int seconds;

    public static void main(String[] a) throws Exception {
        if (a[0].equals("graal")) {
            graalMain(a);
            return;
        }
        dir = Path.of(a[0]);
        node = a[1];
        bun = a[2];
        seconds = Integer.parseInt(a[3]);
        int rounds = Integer.parseInt(a[4]);
        int graalWarmup = Integer.parseInt(a[5]);
        int port = Integer.parseInt(a[6]);
        Map<String, String> props = Map.of("large", Files.readString(dir.resolve("large.json")),
                "small", Files.readString(dir.resolve("small.json")));

        // SIDES (a regular expression over the side names) narrows a run while iterating; the report needs all
        java.util.regex.Pattern only = java.util.regex.Pattern.compile(System.getenv().getOrDefault("SIDES", ".*"));
        WorkerPool node1 = pool(node, 1), node2 = pool(node, 2), bun1 = pool(bun, 1), bun2 = pool(bun, 2);
        boolean http = only.matcher("node http 1x1").matches() || only.matcher("node http 2x2").matches();
        Process http1 = http ? httpServer(port, 1) : null, http2 = http ? httpServer(port + 1, 2) : null;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        // GraalJS runs in a JVM of its own, warmed up once before the first round and then measured in
        // turn with the other sides. In this JVM, its engine's background compilations and garbage slowed
        // the pool sides, whose client threads run here (the small page's node pool 1x1 p50 went from
        // 273 us to 422-440 us with the engine alive); and run after all the others instead, it was
        // measured under other conditions than they were (133-199 renders/s there, 350-385 alternated).
        GraalProcess graal = only.matcher("graaljs 1x1").matches() ? new GraalProcess(graalWarmup) : null;
        Map<String, Map<String, List<Stats>>> results = new LinkedHashMap<>();
        // round 0 warms every side up (as GraalJS was before it), and is not counted: with only each side's 1 s
        // warm-up, the first round's p99 of the pool sides was 3-4 ms (the JIT compiling the harness's and the
        // pool's code), against 1.1-1.6 ms in every later round
        for (int r = 0; r <= rounds; r++) {
            for (String page : List.of("large", "small")) {
                String p = props.get(page);
                Path json = dir.resolve(page + ".json");
                List<Map.Entry<String, Callable<Stats>>> sides = new ArrayList<>(List.of(
                        Map.entry("node in-process", () -> inProcess(node, json)),
                        Map.entry("node pool 1x1", () -> measure(1, () -> render(node1, p))),
                        Map.entry("node pool 2x2", () -> measure(2, () -> render(node2, p))),
                        Map.entry("node http 1x1", () -> measure(1, () -> post(client, port, p))),
                        Map.entry("node http 2x2", () -> measure(2, () -> post(client, port + 1, p))),
                        Map.entry("graaljs 1x1", () -> graal.measure(page)),
                        Map.entry("bun in-process", () -> inProcess(bun, json)),
                        Map.entry("bun pool 1x1", () -> measure(1, () -> render(bun1, p))),
                        Map.entry("bun pool 2x2", () -> measure(2, () -> render(bun2, p)))));
                sides.removeIf(side -> !only.matcher(side.getKey()).matches());
                java.util.Collections.rotate(sides, r * 3);
                for (Map.Entry<String, Callable<Stats>> side : sides) {
                    Stats s = side.getValue().call();
                    if (r == 0) {
                        System.err.printf("warm-up %-5s %-16s %8.0f renders/s%n", page, side.getKey(), s.rate);
                        continue;
                    }
                    results.computeIfAbsent(page, k -> new LinkedHashMap<>()).computeIfAbsent(side.getKey(), k -> new ArrayList<>()).add(s);
                    System.err.printf("round %d %-5s %-16s %8.0f renders/s  p50 %7.0f us  p99 %7.0f us  over 3 x p50 %5.2f %%%n",
                            r, page, side.getKey(), s.rate, s.p50us, s.p99us, s.over3);
                }
            }
        }
        if (only.pattern().equals(".*")) {
            report(results, rounds);
        }
        for (WorkerPool pool : List.of(node1, node2, bun1, bun2)) {
            pool.close();
        }
        if (http) {
            http1.getOutputStream().close();
            http2.getOutputStream().close();
            http1.waitFor();
            http2.waitFor();
        }
        if (graal != null) {
            graal.close();
        }
    }

    /**
     * The GraalJS side in a JVM of its own: this program started again, with this JVM's options, as
     * {@code graal <bundle dir> <seconds> <warm-up seconds>}. It warms up, says {@code ready}, then
     * answers each page name on its stdin with {@code rate p50 p99} measured as {@link #measure} does.
     */
    static final class GraalProcess implements AutoCloseable {
        private final Process process;
        private final java.io.BufferedReader out;
        private final java.io.PrintStream in;

        GraalProcess(int warmup) throws Exception {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElseThrow());
            for (String arg : ProcessHandle.current().info().arguments().orElseThrow()) {
                cmd.add(arg);
                if (arg.endsWith("SsrBench.java")) {
                    break;
                }
            }
            cmd.addAll(List.of("graal", dir.toString(), String.valueOf(seconds), String.valueOf(warmup)));
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new java.io.PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            if (!"ready".equals(out.readLine())) {
                throw new IllegalStateException("the GraalJS process did not start");
            }
        }

        Stats measure(String page) throws Exception {
            in.println(page);
            String[] f = out.readLine().split(" ");
            return new Stats(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
        }

        @Override
        public void close() throws Exception {
            in.close();
            process.waitFor();
        }
    }

    /** The GraalJS process's main: warm up on both pages, then measure the page named on each stdin line. */
    static void graalMain(String[] a) throws Exception {
        dir = Path.of(a[1]);
        seconds = Integer.parseInt(a[2]);
        int warmup = Integer.parseInt(a[3]);
        Map<String, String> props = Map.of("large", Files.readString(dir.resolve("large.json")),
                "small", Files.readString(dir.resolve("small.json")));
        try (Graal graal = new Graal(dir.resolve("graal.js"))) {
            // At least the warm-up asked for, then on in slices until one renders within 5 % of the one
            // before and of the best slice so far, at most 10 x the warm-up: until then the engine is still
            // compiling, in background threads that would take CPU from the sides measured meanwhile, and
            // its own rate would still be climbing from round to round (30 s were not enough on a loaded
            // machine: 60, 117, then 634 renders/s for the large page in rounds 1-3). Within 5 % of the
            // one before only, it once stopped at 819, 817 pairs a slice after a slice of 1,039. The
            // slices are printed, to judge by.
            System.err.printf("GraalJS warm-up %d s at least, then until steady ...%n", warmup);
            long start = System.nanoTime();
            long min = start + Duration.ofSeconds(warmup).toNanos(), max = start + Duration.ofSeconds(10L * warmup).toNanos();
            long slice = Duration.ofSeconds(Math.max(1, Math.min(5, warmup))).toNanos();
            long previous = 0, best = 0;
            List<Long> slices = new ArrayList<>();
            while (true) {
                long end = System.nanoTime() + slice, n = 0;
                while (System.nanoTime() < end) {
                    graal.render(props.get("large"));
                    graal.render(props.get("small"));
                    n++;
                }
                slices.add(n);
                best = Math.max(best, n);
                long now = System.nanoTime();
                if (now >= max || (now >= min && previous > 0 && Math.abs(n - previous) <= previous * 0.05
                        && n >= best * 0.95)) {
                    break;
                }
                previous = n;
            }
            System.err.printf("GraalJS warmed up in %.0f s (render pairs per %d s slice: %s)%n",
                    (System.nanoTime() - start) / 1e9, slice / 1_000_000_000L, slices);
            System.out.println("ready");
            System.out.flush();
            java.io.BufferedReader commands = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String page; (page = commands.readLine()) != null; ) {
                String p = props.get(page);
                Stats s = measure(1, () -> graal.render(p));
                System.out.println(s.rate + " " + s.p50us + " " + s.p99us + " " + s.over3);
                System.out.flush();
            }
        }
    }

    static void report(Map<String, Map<String, List<Stats>>> results, int rounds) {
        for (var page : results.entrySet()) {
            Map<String, List<Stats>> r = page.getValue();
            System.out.printf("%n%s page (median of %d rounds)%n", page.getKey(), rounds);
            System.out.printf("  %-16s %12s %10s %10s %14s%n", "side", "renders/s", "p50 us", "p99 us", "> 3 x p50 %");
            for (var side : r.entrySet()) {
                System.out.printf("  %-16s %12.0f %10.0f %10.0f %14.2f%n", side.getKey(), median(side.getValue(), Stats::rate),
                        median(side.getValue(), Stats::p50us), median(side.getValue(), Stats::p99us), median(side.getValue(), Stats::over3));
            }
            double inTarget = page.getKey().equals("large") ? 0.7 : 0.5;
            System.out.printf("  ratios (median of per-round ratios)                 node    bun   target%n");
            ratio(r, "pool 1x1 / in-process", "pool 1x1", "in-process", ">= " + inTarget);
            ratio(r, "pool 2x2 / pool 1x1", "pool 2x2", "pool 1x1", ">= 1.8");
            ratio(r, "pool 2x2 / http 2x2", "pool 2x2", "node http 2x2", ">= 1.3");
            ratio(r, "pool 1x1 / http 1x1", "pool 1x1", "node http 1x1", "");
            ratio(r, "pool 1x1 / graaljs 1x1", "pool 1x1", "graaljs 1x1", ">= 1.5");
            for (String rt : List.of("node", "bun")) {
                for (String size : List.of("1x1", "2x2")) {
                    List<Stats> s = r.get(rt + " pool " + size);
                    System.out.printf("  %s pool %s p99 / p50 %.2f (target <= 3), %.2f %% of renders over 3 x p50%n", rt, size,
                            median(s, x -> x.p99us / x.p50us), median(s, Stats::over3));
                }
            }
        }
    }

    static void ratio(Map<String, List<Stats>> r, String label, String num, String den, String target) {
        System.out.printf("  %-50s %6.2f %6.2f   %s%n", label, perRound(r, "node " + num, prefixed("node", den)),
                perRound(r, "bun " + num, prefixed("bun", den)), target);
    }

    static String prefixed(String rt, String side) {
        return side.startsWith("node ") || side.startsWith("graaljs") ? side : rt + " " + side;
    }

    static double perRound(Map<String, List<Stats>> r, String num, String den) {
        List<Stats> n = r.get(num), d = r.get(den);
        double[] ratios = new double[n.size()];
        for (int i = 0; i < n.size(); i++) {
            ratios[i] = n.get(i).rate / d.get(i).rate;
        }
        Arrays.sort(ratios);
        return ratios[ratios.length / 2];
    }

    static double median(List<Stats> l, java.util.function.ToDoubleFunction<Stats> f) {
        double[] v = l.stream().mapToDouble(f).sorted().toArray();
        return v[v.length / 2];
    }

    interface Render {
        int run() throws Exception;
    }

    /** {@code threads} client threads rendering for {@code seconds} after a 1 s warm-up. */
    static Stats measure(int threads, Render render) throws Exception {
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            render.run();
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> lat = new ArrayList<>();
        int[] counts = new int[threads];
        CountDownLatch done = new CountDownLatch(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            long[] mine = new long[2_000_000];
            lat.add(mine);
            int id = t;
            new Thread(() -> {
                try {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        render.run();
                        mine[counts[id]++] = System.nanoTime() - t0;
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(lat.get(t), 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        long p50 = all[total / 2];
        long over3 = Arrays.stream(all).filter(ns -> ns > 3 * p50).count();
        return new Stats(total / elapsed, p50 / 1e3, all[(int) (total * 0.99)] / 1e3, 100.0 * over3 / total);
    }

    static Stats inProcess(String cmd, Path props) throws Exception {
        Process p = new ProcessBuilder(cmd, dir.resolve("inprocess.mjs").toString(), dir.resolve("server.mjs").toString(),
                props.toString(), String.valueOf(seconds)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        try (JsonReader r = Json.createReader(new StringReader(out))) {
            JsonObject o = r.readObject();
            return new Stats(o.getJsonNumber("renders").doubleValue() / o.getJsonNumber("seconds").doubleValue(),
                    o.getJsonNumber("p50").doubleValue(), o.getJsonNumber("p99").doubleValue(), o.getJsonNumber("over3").doubleValue());
        }
    }

    static WorkerPool pool(String cmd, int size) throws Exception {
        SsrSettings s = new SsrSettings(cmd, dir.resolve("server.mjs").toString(), size, Duration.ofSeconds(30), 1_000_000,
                8_388_608, true, false);
        WorkerPool pool = new WorkerPool(s, WorkerFiles.extract(s.bundle(), SsrBench.class.getClassLoader()));
        while (pool.state().alive() < size) {
            Thread.sleep(20);
        }
        return pool;
    }

    static int render(WorkerPool pool, String props) throws RenderException {
        return pool.render(new RenderRequest("page", props, "/products", "{\"contexts\":{}}")).html().length;
    }

    static Process httpServer(int port, int workers) throws Exception {
        Process p = new ProcessBuilder(node, dir.resolve("http-server.mjs").toString(), dir.resolve("server.mjs").toString(),
                String.valueOf(port), String.valueOf(workers)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine(); // "listening"
        return p;
    }

    /** As an Inertia-style client does: POST the page as JSON, read the JSON reply, take the body out. */
    static int post(HttpClient client, int port, String props) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/render"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"component\":\"page\",\"props\":" + props + ",\"url\":\"/products\"}"))
                .header("Content-Type", "application/json").build();
        String body = client.send(req, HttpResponse.BodyHandlers.ofString()).body();
        try (JsonReader r = Json.createReader(new StringReader(body))) {
            return r.readObject().getString("body").length();
        }
    }

    /** React on GraalJS in this JVM: one context, one thread (GraalJS contexts are single-threaded). */
    static final class Graal implements AutoCloseable {
        private final Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "true").build();
        private final Context context;
        private final Value fn;

        Graal(Path bundle) throws Exception {
            context = Context.newBuilder("js").engine(engine).build();
            context.eval(Source.newBuilder("js", bundle.toFile()).build());
            fn = context.getBindings("js").getMember("mizanRender");
        }

        int render(String props) {
            return fn.execute(props).asString().length();
        }

        @Override
        public void close() {
            context.close();
            engine.close();
        }
    }
}
