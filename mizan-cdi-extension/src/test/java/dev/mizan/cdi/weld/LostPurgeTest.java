package dev.mizan.cdi.weld;

import static dev.mizan.cdi.weld.TestCallers.ANONYMOUS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.internal.engine.InvalidationListener;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.weld.outage.CuttableBackend;
import dev.mizan.cdi.weld.valid.TodoApi;
import dev.mizan.spi.CacheBackend.PurgeListener;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/**
 * A purge the backend cannot record (docs/internals/cache-design.md, "When the backend fails"): this
 * node's streams still hear of it, and once the backend answers again the node repairs it by itself,
 * without a read, and every node sharing the backend is told to resync.
 */
class LostPurgeTest {

    @Test
    void aLostPurgeIsHeardHereAndItsRepairWithoutAReadTellsEveryNodeToResync() {
        WeldBed.with(Map.of("mizan.cache.backend", "cuttable"), cdi -> {
            MizanEngine engine = cdi.select(MizanEngine.class).get();
            List<String> streams = new CopyOnWriteArrayList<>();
            engine.listen(new InvalidationListener() {
                @Override
                public void invalidated(String id, String context, Optional<String> digest) {
                    streams.add(context);
                }

                @Override
                public void resync() {
                    streams.add("resync");
                }
            });
            CuttableBackend backend = CuttableBackend.current;
            List<String> otherNode = new CopyOnWriteArrayList<>();
            recordPurges(backend, otherNode);

            backend.cut(true);
            call(cdi, engine, "clearAll");
            assertThat(streams).as("this node's streams, though the backend lost the purge").containsExactly("todos");
            assertThat(ready(cdi)).isEqualTo(HealthCheckResponse.Status.DOWN);

            backend.cut(false);
            // the backend tells its listeners one after the other: this node's first, the other node's next
            await(() -> streams.contains("resync") && !otherNode.isEmpty(), "the purger to repair the lost purge with no read");
            assertThat(otherNode).as("what another node sharing the backend hears").containsExactly("epoch resync");
            assertThat(ready(cdi)).isEqualTo(HealthCheckResponse.Status.UP);
        }, TodoApi.class);
    }

    @Test
    void aReadinessProbeRepairsALostPurgeOnItsOwn() {
        WeldBed.with(Map.of("mizan.cache.backend", "cuttable"), cdi -> {
            MizanEngine engine = cdi.select(MizanEngine.class).get();
            CuttableBackend backend = CuttableBackend.current;
            backend.cut(true);
            call(cdi, engine, "clearAll");
            backend.cut(false);
            // at once, before the purger's first retry: the probe itself bumps the epoch
            assertThat(ready(cdi)).isEqualTo(HealthCheckResponse.Status.UP);
        }, TodoApi.class);
    }

    /** Lost purges are counted in the node's memory only: an undeploy repairs them, or no node ever would. */
    @Test
    void anUndeployRepairsTheLostPurgesItWouldOtherwiseTakeAlong() {
        List<String> otherNode = new CopyOnWriteArrayList<>();
        WeldBed.with(Map.of("mizan.cache.backend", "cuttable"), cdi -> {
            MizanEngine engine = cdi.select(MizanEngine.class).get();
            CuttableBackend backend = CuttableBackend.current;
            recordPurges(backend, otherNode);
            backend.cut(true);
            call(cdi, engine, "clearAll");
            backend.cut(false); // the purger's first retry is a second away; the undeploy comes first
        }, TodoApi.class);
        assertThat(otherNode).as("what another node sharing the backend hears").containsExactly("epoch resync");
    }

    /** Records what another node sharing {@code backend} hears: each purge's counter, and its event if any. */
    private static void recordPurges(CuttableBackend backend, List<String> into) {
        backend.addPurgeListener(new PurgeListener() {
            @Override
            public void purged(String counter) {
                into.add(counter);
            }

            @Override
            public void purged(String counter, String event) {
                into.add(counter + " " + event);
            }
        });
    }

    private static void call(SeContainer cdi, MizanEngine engine, String function) {
        RequestContextController rc = cdi.select(RequestContextController.class).get();
        rc.activate();
        try {
            engine.call(function, JsonObject.EMPTY_JSON_OBJECT, ANONYMOUS);
        } finally {
            rc.deactivate();
        }
    }

    private static HealthCheckResponse.Status ready(SeContainer cdi) {
        HealthCheck check = cdi.select(HealthCheck.class, Readiness.Literal.INSTANCE).get();
        return check.call().getStatus();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
