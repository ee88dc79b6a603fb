package dev.mizan.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.mizan.cdi.weld.TestCallers.ANONYMOUS;
import static dev.mizan.cdi.weld.TestCallers.user;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.engine.CacheStatus;
import dev.mizan.cdi.internal.engine.CallResult;
import dev.mizan.cdi.internal.engine.InternalFailure;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.internal.engine.ReadResult;
import dev.mizan.cdi.weld.valid.TodoApi;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine inside a real CDI container (Weld SE): cache, purges, roles, errors. */
class EngineTest {

    private static SeContainer cdi;
    private static MizanEngine engine;
    private static TodoApi api;
    private static int computationsAtStart;

    @BeforeAll
    static void start() {
        cdi = WeldBed.start(TodoApi.class);
        engine = cdi.select(MizanEngine.class).get();
        api = cdi.select(TodoApi.class).get();
        computationsAtStart = api.computations();
    }

    @AfterAll
    static void stop() {
        cdi.close();
    }


    private static ReadResult todos(long list) {
        return engine.read("todos", Map.of("list", List.of(Long.toString(list))), ANONYMOUS);
    }

    private static CallResult call(String name, JsonObject args) {
        return WeldBed.call(cdi, name, args);
    }

    @Test
    void refreshLeavesOutWhatNoClientCouldHoldWithoutAWarning() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.mizan.cdi.internal.runtime.Refresher");
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            var invalidated = List.of(new dev.mizan.cdi.internal.engine.InvalidationEntry("todos", Json.createObjectBuilder().build()));
            var refreshed = engine.refresh(List.of(
                    "todos|{\"list\":" + "9".repeat(300_000) + "}", // out of bounds for a long: never expanded
                    "todos|{\"list\":" + "[".repeat(100) + "]".repeat(100) + "}", // deeper than max-depth
                    "todos|{\"list\":7,\"x\":1}", // a param todos does not have: the read's 400
                    "todos|{\"list\":7}"), invalidated, ANONYMOUS);
            assertThat(refreshed.keySet()).containsExactly("todos|{\"list\":7}");
            assertThat(records).as("a client's mistake is no server warning").isEmpty();
        } finally {
            log.removeHandler(handler);
        }
    }

    @Test
    void theReadPathWarmedUpAtStartRanNoContext() {
        // the engine runs a read's own steps once when the application starts, never the application's code
        assertThat(computationsAtStart).isZero();
        assertThat(todos(0).cache()).isEqualTo(CacheStatus.MISS); // it filled nothing either (it reads with 0 for each param)
    }

    @Test
    void secondReadIsAHitWithTheSameBodyAndEtag() {
        ReadResult first = todos(100);
        ReadResult second = todos(100);
        assertThat(first.cache()).isEqualTo(CacheStatus.MISS);
        assertThat(second.cache()).isEqualTo(CacheStatus.HIT);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.etag()).isEqualTo(first.etag()).startsWith("\"");
    }

    @Test
    void aCallPurgesOnlyTheEntriesWithItsParams() {
        todos(1);
        todos(2);
        CallResult r = call("add", Json.createObjectBuilder().add("list", 1).add("title", "milk").build());
        assertThat(r.json()).isEqualTo("1");
        assertThat(r.invalidate()).hasSize(1);
        assertThat(r.invalidate().get(0).toJson().toString()).isEqualTo("{\"context\":\"todos\",\"params\":{\"list\":1}}");
        ReadResult after = todos(1);
        assertThat(after.cache()).isEqualTo(CacheStatus.MISS);
        assertThat(new String(after.body(), StandardCharsets.UTF_8)).isEqualTo("[\"milk\"]");
        assertThat(todos(2).cache()).isEqualTo(CacheStatus.HIT);
    }

    @Test
    void runTimeInvalidationPurgesTheWholeContext() {
        todos(7);
        assertThat(todos(7).cache()).isEqualTo(CacheStatus.HIT);
        CallResult r = call("clearAll", JsonObject.EMPTY_JSON_OBJECT);
        assertThat(r.invalidate()).extracting(e -> e.toJson().toString()).containsExactly("{\"context\":\"todos\"}");
        assertThat(todos(7).cache()).isEqualTo(CacheStatus.MISS);
    }

    @Test
    void userEntriesAreKeptApartAndAnonymousBypasses() {
        Map<String, List<String>> q = Map.of("tag", List.of("x"));
        String alice = new String(engine.read("mine", q, user("alice", "user")).body(), StandardCharsets.UTF_8);
        String bob = new String(engine.read("mine", q, user("bob", "user")).body(), StandardCharsets.UTF_8);
        assertThat(alice).isNotEqualTo(bob);
        assertThat(engine.read("mine", q, user("alice", "user")).cache()).isEqualTo(CacheStatus.HIT);
        assertThat(new String(engine.read("mine", q, user("alice", "user")).body(), StandardCharsets.UTF_8)).isEqualTo(alice);
    }

    @Test
    void rolesAreCheckedBeforeAnythingElse() {
        int computations = api.computations();
        // a param mine does not have: binding it first would answer 400 invalid_params instead
        Map<String, List<String>> bad = Map.of("zzz", List.of("1"));
        assertThatThrownBy(() -> engine.read("mine", bad, ANONYMOUS))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("unauthenticated"));
        assertThatThrownBy(() -> engine.read("mine", bad, user("eve")))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThatThrownBy(() -> engine.read("mine", Map.of("tag", List.of("x")), user("eve")))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.status()).isEqualTo(403));
        // refused before the cache: nothing was computed for eve
        assertThat(api.computations()).isEqualTo(computations);
    }

    @Test
    void rolesAreCheckedBeforeACallsArgumentsAreBound() {
        // a wrong type and an unknown param: binding them first would answer 400 invalid_params instead
        JsonObject bad = Json.createObjectBuilder().add("list", "abc").add("zzz", 1).build();
        assertThatThrownBy(() -> WeldBed.call(cdi, "archive", bad, ANONYMOUS))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("unauthenticated"));
        assertThatThrownBy(() -> WeldBed.call(cdi, "archive", bad, user("eve")))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThat(api.archived()).isZero();
        assertThat(WeldBed.call(cdi, "archive", Json.createObjectBuilder().add("list", 1).build(), user("ann", "user")).json())
                .isEqualTo("1");
    }

    @Test
    void badParamsAreInvalidParamsWithFields() {
        assertThatThrownBy(() -> engine.read("todos", Map.of("list", List.of("abc"), "extra", List.of("1")), ANONYMOUS))
                .isInstanceOfSatisfying(MizanException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_params");
                    assertThat(e.fields()).containsKeys("list", "extra");
                    // the words of the param's type, not of the wire format
                    assertThat(e.fields()).containsEntry("list", List.of("is not a whole number"));
                });
        assertThatThrownBy(() -> engine.read("todos", Map.of("list", List.of("1", "2")), ANONYMOUS))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.fields()).containsKey("list"));
        assertThatThrownBy(() -> engine.read("todos", Map.of(), ANONYMOUS))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.fields()).containsEntry("list", List.of("is required")));
        assertThat(engine.read("todos", Map.of("list", List.of("5"), "_mz", List.of("3")), ANONYMOUS).body()).isNotEmpty();
    }

    @Test
    void unknownNamesAre404() {
        assertThatThrownBy(() -> engine.read("nope", Map.of(), ANONYMOUS))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("unknown_context"));
        assertThatThrownBy(() -> call("nope", JsonObject.EMPTY_JSON_OBJECT))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("unknown_function"));
    }

    @Test
    void applicationFailuresAreMappedAndNeverLeakDetails() {
        assertThatThrownBy(() -> call("fail", Json.createObjectBuilder().add("how", "mizan").build()))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> call("fail", Json.createObjectBuilder().add("how", "other").build()))
                .isInstanceOfSatisfying(InternalFailure.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).doesNotContain("secret detail").contains(e.id());
                });
    }

    @Test
    void schemaListsEverythingWithAHash() {
        assertThat(engine.schema().getJsonArray("contexts")).hasSize(2);
        assertThat(engine.schema().getJsonArray("functions")).hasSize(4);
        assertThat(engine.schemaHash()).matches("[0-9a-f]{64}");
        assertThat(api.computations()).isPositive();
    }

    @Test
    void anOverrideThatRepeatsItsAnnotationsIsTheOperationWithItsOwnRoles() {
        try (SeContainer reports = WeldBed.start(dev.mizan.cdi.weld.valid.ReannotatedReports.class)) {
            MizanEngine e = reports.select(MizanEngine.class).get();
            assertThatThrownBy(() -> e.read("report", Map.of(), user("eve")))
                    .isInstanceOfSatisfying(MizanException.class, x -> assertThat(x.code()).isEqualTo("forbidden"));
            assertThat(new String(e.read("report", Map.of(), user("ada", "admin")).body(), StandardCharsets.UTF_8))
                    .isEqualTo("\"secret\"");
        }
    }
}
