package dev.mizan.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.weld.edge.CatalogApi;
import dev.mizan.cdi.weld.edge.SlowEdgePurger;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A slow CDN: purges that arrive while its purger is busy are told to it together, once it is done. */
class EdgePurgesTest {

    @Test
    void purgesThatArriveWhileTheCdnIsBusyAreToldInOneCall() throws Exception {
        try (SeContainer cdi = WeldBed.start(CatalogApi.class, SlowEdgePurger.class)) {
            SlowEdgePurger cdn = cdi.select(SlowEdgePurger.class).get();
            Runnable call = () -> WeldBed.call(cdi, "restock", JsonObject.EMPTY_JSON_OBJECT);
            call.run();
            long deadline = System.currentTimeMillis() + 5000;
            while (cdn.calls().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertThat(cdn.calls()).hasSize(1); // busy with the first purge
            for (int i = 0; i < 50; i++) {
                call.run();
            }
            WeldBed.call(cdi, "reprice", JsonObject.EMPTY_JSON_OBJECT);
            cdn.release();
            deadline = System.currentTimeMillis() + 5000;
            while (cdn.calls().size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(200);
            assertThat(cdn.calls()).hasSize(2);
            assertThat(cdn.calls().get(1)).isEqualTo(Set.of("mizan-ctx-catalog", "mizan-ctx-prices"));
            assertThat(new HashSet<>(cdn.calls().get(0))).isEqualTo(Set.of("mizan-ctx-catalog"));
        }
    }
}
