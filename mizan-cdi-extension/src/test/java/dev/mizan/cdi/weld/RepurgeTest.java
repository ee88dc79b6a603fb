package dev.mizan.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.internal.engine.CallResult;
import dev.mizan.cdi.internal.engine.InvalidationListener;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.weld.edge.CatalogApi;
import dev.mizan.cdi.weld.edge.SlowEdgePurger;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@code mizan.cache.repurge-delay} (docs/reference/config.md): the second purge, for read replicas that lag,
 * is a purge in full. Whoever read between the two may hold a replica's old data: the clients told of the first
 * purge (and the calling tab's {@code $refresh}), and a CDN that refetched a PUBLIC context. So they are told
 * again, under an event id of its own: the calling tab ignores only its call's own id.
 */
class RepurgeTest {

    @Test
    void theRepurgeTellsTheClientsAndTheCdnAgainUnderAnIdOfItsOwn() {
        WeldBed.with(Map.of("mizan.cache.repurge-delay", "PT0.2S"), cdi -> {
            SlowEdgePurger cdn = cdi.select(SlowEdgePurger.class).get();
            cdn.release(); // answers at once
            List<String> heard = new CopyOnWriteArrayList<>();
            cdi.select(MizanEngine.class).get().listen(new InvalidationListener() {
                @Override
                public void invalidated(String id, String context, Optional<String> digest) {
                    heard.add(context + " " + id);
                }

                @Override
                public void resync() {
                    heard.add("resync");
                }
            });
            CallResult call = WeldBed.call(cdi, "restock", JsonObject.EMPTY_JSON_OBJECT);
            await(() -> heard.size() >= 2 && cdn.calls().size() >= 2);
            assertThat(heard.get(0)).isEqualTo("catalog " + call.eventId());
            assertThat(heard.get(1)).startsWith("catalog ").isNotEqualTo(heard.get(0));
            assertThat(cdn.calls()).containsExactly(Set.of("mizan-ctx-catalog"), Set.of("mizan-ctx-catalog"));
        }, CatalogApi.class, SlowEdgePurger.class);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 5 s").isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
