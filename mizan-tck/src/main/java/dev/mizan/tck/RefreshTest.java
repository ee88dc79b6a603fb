package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.tck.fixtures.events.BoardApi;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** docs/reference/protocol.md, single-flight refresh: "$refresh" in a call's body, "refreshed" in its response. */
@MizanTck
class RefreshTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-refresh", "mizan.limits.max-refresh=4", BoardApi.class);
    }

    private static int freshList() {
        return ThreadLocalRandom.current().nextInt(1_000, 1_000_000);
    }

    private static String key(String context, String canonical) {
        return "\"" + context + "|" + canonical.replace("\"", "\\\"") + "\"";
    }

    @Assertion(id = "refresh-invalidated", strategy = "a call with \"$refresh\" returns the fresh data of the listed entry it invalidated, keyed by stableKey, and nothing for a listed entry it did not invalidate")
    void refreshed() {
        int list = freshList();
        int other = list + 1;
        HttpTck bob = HttpTck.of(base).bearer("demo-bob");
        assertThat(bob.ctx("board", java.util.Map.of("list", Integer.toString(list))).body()).isEqualTo("[]"); // cache it
        Reply r = bob.call("post", "{\"list\":" + list + ",\"text\":\"first\",\"$refresh\":["
                + key("board", "{\"list\":" + list + "}") + "," + key("board", "{\"list\":" + other + "}") + "]}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonObject refreshed = r.json().getJsonObject("refreshed");
        assertThat(refreshed.keySet()).containsExactly("board|{\"list\":" + list + "}");
        JsonObject entry = refreshed.getJsonObject("board|{\"list\":" + list + "}");
        assertThat(entry.getJsonArray("data").getString(0)).isEqualTo("first");
        assertThat(entry.getJsonNumber("updatedAt").longValue()).isPositive();
        assertThat(r.json().getJsonArray("invalidate")).isNotEmpty();
        // what a GET right after answers
        assertThat(bob.ctx("board", java.util.Map.of("list", Integer.toString(list))).body()).isEqualTo("[\"first\"]");
    }

    @Assertion(id = "refresh-roles", strategy = "an invalidated entry the caller may not read is left out; the same call by an admin gets it")
    void roles() {
        int list = freshList();
        String body = "{\"list\":" + list + ",\"text\":\"t\",\"$refresh\":[" + key("adminNotes", "{}") + "]}";
        Reply bob = HttpTck.of(base).bearer("demo-bob").call("post", body);
        assertThat(bob.status()).as("%s", bob).isEqualTo(200);
        assertThat(bob.json().getJsonObject("refreshed")).isEmpty();
        Reply alice = HttpTck.of(base).bearer("demo-alice").call("post", body);
        assertThat(alice.status()).as("%s", alice).isEqualTo(200);
        assertThat(alice.json().getJsonObject("refreshed").getJsonObject("adminNotes|{}").getJsonArray("data"))
                .isNotEmpty();
    }

    @Assertion(id = "refresh-unparseable", strategy = "unparseable and unknown keys, numbers out of bounds, params nested too deep and params the context does not have are left out silently; the call succeeds")
    void unparseable() {
        int list = freshList();
        Reply r = HttpTck.of(base).bearer("demo-bob").call("post", "{\"list\":" + list
                + ",\"text\":\"u\",\"$refresh\":[\"nope\",\"board|{not json\",\"board|{ \\\"list\\\" : " + list + " }\",7]}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().getJsonObject("refreshed")).isEmpty();
        // what a client could not hold either: a number of 300,000 digits (left a literal, never expanded), params
        // nested deeper than mizan.limits.max-depth, a param the context does not have
        String huge = "1".repeat(300_000);
        String deep = "[".repeat(100) + "]".repeat(100);
        Reply odd = HttpTck.of(base).bearer("demo-bob").call("post", "{\"list\":" + list + ",\"text\":\"v\",\"$refresh\":["
                + key("board", "{\"list\":" + huge + "}") + "," + key("board", "{\"list\":" + deep + "}") + ","
                + key("board", "{\"list\":" + list + ",\"x\":1}") + "]}");
        assertThat(odd.status()).as("%s", odd).isEqualTo(200);
        assertThat(odd.json().getJsonObject("refreshed")).isEmpty();
        Reply ghost = HttpTck.of(base).bearer("demo-bob").call("clear", "{\"$refresh\":[\"ghost|{}\",\"|{}\"]}");
        assertThat(ghost.status()).as("%s", ghost).isEqualTo(200);
        assertThat(ghost.json().getJsonObject("refreshed")).isEmpty();
    }

    @Assertion(id = "refresh-limit", strategy = "a call whose \"$refresh\" lists more invalidated entries than mizan.limits.max-refresh"
            + " (4 here) runs and refreshes the first 4 listed, the client refetching the rest; \"$refresh\" not an array is"
            + " 400 bad_request and the function does not run")
    void limit() {
        int list = freshList();
        HttpTck bob = HttpTck.of(base).bearer("demo-bob");
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            listed.add("board|{\"list\":" + (list + i) + "}");
        }
        String keys = listed.stream().map(k -> "\"" + k.replace("\"", "\\\"") + "\"").collect(Collectors.joining(","));
        Reply many = bob.call("clear", "{\"$refresh\":[" + keys + "]}");
        assertThat(many.status()).as("%s", many).isEqualTo(200);
        assertThat(many.json().getJsonObject("refreshed").keySet()).containsExactlyElementsOf(listed.subList(0, 4));
        Reply notArray = bob.call("post", "{\"list\":" + list + ",\"text\":\"n\",\"$refresh\":\"board|{}\"}");
        assertThat(notArray.status()).as("%s", notArray).isEqualTo(400);
        assertThat(bob.ctx("board", java.util.Map.of("list", Integer.toString(list))).body()).isEqualTo("[]");
    }

    @Assertion(id = "refresh-absent", strategy = "a call without \"$refresh\" has no \"refreshed\" member")
    void absent() {
        Reply r = HttpTck.of(base).bearer("demo-bob").call("clear", "{}");
        assertThat(r.json().containsKey("refreshed")).isFalse();
    }
}
