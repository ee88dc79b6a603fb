package dev.mizan.cdi.weld;

import static dev.mizan.cdi.weld.TestCallers.ANONYMOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mizan.cdi.internal.engine.CacheStatus;
import dev.mizan.cdi.internal.engine.CallResult;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.internal.engine.ReadResult;
import dev.mizan.cdi.weld.valid.PurgeCornersApi;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Purges whose arguments are unusual reach what they must, and never fail a call that already ran. */
class PurgeCornersTest {

    private static SeContainer cdi;
    private static MizanEngine engine;

    @BeforeAll
    static void start() {
        cdi = WeldBed.start(PurgeCornersApi.class);
        engine = cdi.select(MizanEngine.class).get();
    }

    @AfterAll
    static void stop() {
        cdi.close();
    }

    private static ReadResult read(String context, Map<String, List<String>> query) {
        return engine.read(context, query, ANONYMOUS);
    }

    private static String body(ReadResult r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static CallResult call(String name, JsonObject args) {
        return WeldBed.call(cdi, name, args);
    }

    private static JsonObject ids(long... ids) {
        var array = Json.createArrayBuilder();
        for (long id : ids) {
            array.add(id);
        }
        return Json.createObjectBuilder().add("ids", array).build();
    }

    @Test
    void theInvalidationApiBindsAValueToTheParamsTypeOrRefusesIt() {
        Map<String, List<String>> row = Map.of("row", List.of("3"));
        read("shelf", row);
        assertThat(read("shelf", row).cache()).isEqualTo(CacheStatus.HIT);
        call("restockRow", Json.createObjectBuilder().add("row", 3).build());
        assertThat(read("shelf", row).cache()).as("an Integer for a long param names the same entry").isEqualTo(CacheStatus.MISS);
        assertThat(read("shelf", row).cache()).isEqualTo(CacheStatus.HIT);
        Throwable refused = catchThrowable(() -> cdi.select(dev.mizan.Invalidation.class).get().context("shelf", Map.of("row", "3")));
        assertThat(refused).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("MZCDI01016: java.lang.String value for param 'row' of context 'shelf'");
        // through a call, the function fails as any application failure does (500 internal), and purges nothing
        assertThat(catchThrowable(() -> call("restockRowAsText", Json.createObjectBuilder().add("row", 3).build()))).isNotNull();
        assertThat(read("shelf", row).cache()).isEqualTo(CacheStatus.HIT);
    }

    @Test
    void aSetParamIsPurgedWhateverOrderItsElementsCameIn() {
        // 1 and 17 share a bucket of a 16-slot HashSet, which then iterates in insertion order
        Map<String, List<String>> oneSeventeen = Map.of("ids", List.of("[1,17]"));
        Map<String, List<String>> seventeenOne = Map.of("ids", List.of("[17,1]"));
        read("items", oneSeventeen);
        read("items", seventeenOne);
        assertThat(read("items", oneSeventeen).cache()).isEqualTo(CacheStatus.HIT);
        CallResult r = call("touch", ids(17, 1));
        // the client cannot tell which order its read sent: the list names the context, every entry of it
        assertThat(r.invalidate()).extracting(e -> e.toJson().toString()).containsExactly("{\"context\":\"items\"}");
        ReadResult after = read("items", oneSeventeen);
        assertThat(after.cache()).isEqualTo(CacheStatus.MISS);
        assertThat(read("items", seventeenOne).cache()).isEqualTo(CacheStatus.MISS);
        assertThat(body(read("items", Map.of("ids", List.of("[2]"))))).isEqualTo(body(after));

        // and through the Invalidation API, with a set the application built
        read("items", oneSeventeen);
        assertThat(read("items", oneSeventeen).cache()).isEqualTo(CacheStatus.HIT);
        call("touchInProcess", ids(17, 1));
        assertThat(read("items", oneSeventeen).cache()).isEqualTo(CacheStatus.MISS);
    }

    @Test
    void aPurgeArgumentWithNoCanonicalFormPurgesTheWholeContextInsteadOfFailingTheCall() {
        read("cloud", Map.of());
        read("byTag", Map.of("tag", List.of("\"a\"")));
        assertThat(read("cloud", Map.of()).cache()).isEqualTo(CacheStatus.HIT);
        // half an emoji: what a UI that cuts a title short with str.slice sends
        CallResult r = call("tag", Json.createObjectBuilder().add("tag", "\ud83d").build());
        assertThat(r.invalidate()).extracting(e -> e.toJson().toString())
                .containsExactly("{\"context\":\"byTag\"}", "{\"context\":\"cloud\"}");
        assertThat(read("cloud", Map.of()).cache()).isEqualTo(CacheStatus.MISS);
        assertThat(read("byTag", Map.of("tag", List.of("\"a\""))).cache()).isEqualTo(CacheStatus.MISS);
    }

    @Test
    void aRefreshReadThatFailsWithAnErrorIsLeftOutNotTheCall() {
        CallResult r = call("poke", JsonObject.EMPTY_JSON_OBJECT);
        assertThat(r.json()).isEqualTo("1");
        assertThat(engine.refresh(List.of("boom|{}"), r.invalidate(), ANONYMOUS)).isEmpty();
    }
}
