package dev.mizan.ssr.internal;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A JVM that holds a pool of two workers the way a deployment does (with the shutdown hook), prints
 * their pids and waits to be killed: {@code java PoolHolder <node> <bundle> [busy]}. With {@code busy},
 * both workers are rendering a page that never ends when the pids are printed: one loops, one awaits a
 * promise that never settles. Used by {@link JvmExitIntegrationTest}.
 */
public final class PoolHolder {

    private PoolHolder() {
    }

    public static void main(String[] args) throws Exception {
        SsrSettings s = new SsrSettings(args[0], args[1], 2, Duration.ofSeconds(10), 10_000, 8_388_608, true, false);
        WorkerPool pool = new WorkerPool(s, WorkerFiles.extract(s.bundle(), PoolHolder.class.getClassLoader()));
        ShutdownHook.install(pool::close);
        Fixtures.awaitAlive(pool, 2, Duration.ofSeconds(30));
        if (args.length > 2 && args[2].equals("busy")) {
            for (String entry : List.of("loop", "hang")) {
                Thread render = new Thread(() -> {
                    try {
                        pool.render(Fixtures.request(entry, "{}"));
                    } catch (RenderException e) {
                        // the test kills this JVM first
                    }
                });
                render.setDaemon(true);
                render.start();
            }
            Fixtures.sleep(500); // both requests are in the workers
        }
        System.out.println("pids " + pool.pids().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
