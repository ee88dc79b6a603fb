package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.shop.CallsApi;
import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;

/** docs/reference/annotations.md, docs/reference/protocol.md: POST call — request checks, results, errors. Token auth (Bearer, no cookies): no CSRF in play. */
@MizanTck
class CallTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-call", Shop.CLASSES);
    }

    private HttpTck client() {
        return HttpTck.of(base).bearer("demo-bob");
    }

    private static void assertError(Reply r, int status, String code) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("<html", "<HTML");
    }

    @Assertion(id = "call-415-absent", strategy = "POST call without Content-Type: 415 unsupported_media_type")
    void noContentType() {
        assertError(client().callRaw("greet", null, "{\"name\":\"x\",\"times\":1}"), 415, "unsupported_media_type");
    }

    @Assertion(id = "call-415-wrong", strategy = "POST call as text/plain or form data: 415 unsupported_media_type")
    void wrongContentType() {
        assertError(client().callRaw("greet", "text/plain", "{\"name\":\"x\",\"times\":1}"), 415, "unsupported_media_type");
        assertError(client().callRaw("greet", "application/x-www-form-urlencoded", "name=x"), 415, "unsupported_media_type");
    }

    @Assertion(id = "call-json-charset", strategy = "application/json; charset=UTF-8 is accepted")
    void jsonWithCharset() {
        Reply r = client().callRaw("greet", "application/json; charset=UTF-8", "{\"name\":\"Zoë\",\"times\":1}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().getString("result")).isEqualTo("Hello, Zoë!");
    }

    @Assertion(id = "call-malformed-json", strategy = "A malformed JSON body: 400 bad_request")
    void malformedJson() {
        assertError(client().call("greet", "{\"name\": "), 400, "bad_request");
    }

    @Assertion(id = "call-body-not-object", strategy = "A JSON body that is not an object: 400")
    void bodyNotObject() {
        Reply r = client().call("greet", "[1,2]");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isIn("bad_request", "invalid_params");
    }

    @Assertion(id = "call-too-large", strategy = "A 2 MiB body (limit 1 MiB): 413 payload_too_large")
    void payloadTooLarge() {
        String big = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"times\":1}";
        Reply r;
        try {
            r = client().call("greet", big);
        } catch (UncheckedIOException e) {
            throw new AssertionError("The server must answer 413, not drop the connection", e);
        }
        assertError(r, 413, "payload_too_large");
    }

    @Assertion(id = "call-too-deep", strategy = "A body nested 10,000 deep: 400 bad_request (no stack overflow, no 500)")
    void tooDeep() {
        String deep = "{\"name\":" + "[".repeat(10_000) + "]".repeat(10_000) + ",\"times\":1}";
        assertError(client().call("greet", deep), 400, "bad_request");
    }

    @Assertion(id = "call-missing-required", strategy = "A missing primitive arg: 400 invalid_params naming it")
    void missingRequiredArg() {
        Reply r = client().call("greet", "{\"name\":\"x\"}");
        assertError(r, 400, "invalid_params");
        assertThat(r.error().getJsonObject("fields")).containsKey("times");
    }

    @Assertion(id = "call-wrong-arg-type", strategy = "An arg of the wrong JSON type (times: \"many\"): 400 invalid_params naming it")
    void wrongArgType() {
        Reply r = client().call("greet", "{\"name\":\"x\",\"times\":\"many\"}");
        assertError(r, 400, "invalid_params");
        assertThat(r.error().getJsonObject("fields")).containsKey("times");
    }

    @Assertion(id = "call-bean-validation-scalar", strategy = "@NotBlank violated: 400 invalid_params with fields.title a list of messages")
    void beanValidationScalar() {
        Reply r = client().call("rename", "{\"title\":\"  \"}");
        assertError(r, 400, "invalid_params");
        JsonArray messages = r.error().getJsonObject("fields").getJsonArray("title");
        assertThat(messages).isNotEmpty();
    }

    @Assertion(id = "call-bean-validation-size", strategy = "@Size(max=20) violated: 400 invalid_params naming title; a valid title passes")
    void beanValidationSize() {
        assertError(client().call("rename", "{\"title\":\"" + "t".repeat(21) + "\"}"), 400, "invalid_params");
        assertThat(client().call("rename", "{\"title\":\"ok\"}").json().getString("result")).isEqualTo("ok");
    }

    @Assertion(id = "call-bean-validation-record", strategy = "@Valid record arg with a blank title and too-long note: 400 invalid_params, fields name the todo param's members")
    void beanValidationRecord() {
        Reply r = client().call("addTodo", "{\"todo\":{\"title\":\"\",\"note\":\"much too long a note\"}}");
        assertError(r, 400, "invalid_params");
        assertThat(r.error().getJsonObject("fields").keySet()).isNotEmpty()
                .allSatisfy(k -> assertThat(k).startsWith("todo"));
        Reply ok = client().call("addTodo", "{\"todo\":{\"title\":\"Buy milk\"}}");
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(ok.json().getJsonObject("result").getString("title")).isEqualTo("Buy milk");
    }

    @Assertion(id = "call-bean-validation-elements", strategy = "List<@NotBlank @Size(max=8) String> with a blank and a too-long element: 400 invalid_params, fields name each element by index; valid elements pass")
    void beanValidationElements() {
        Reply r = client().call("tagAll", "{\"tags\":[\"ok\",\" \",\"much-too-long\"]}");
        assertError(r, 400, "invalid_params");
        assertThat(r.error().getJsonObject("fields").keySet()).containsExactlyInAnyOrder("tags[1]", "tags[2]");
        Reply ok = client().call("tagAll", "{\"tags\":[\"ok\",\"fine\"]}");
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(ok.json().getInt("result")).isEqualTo(2);
    }

    @Assertion(id = "call-internal-error", strategy = "A function throwing: 500 internal with an id, and no exception text or stack in the body")
    void internalError() {
        Reply r = client().call("fail", "{}");
        assertError(r, 500, "internal");
        assertThat(r.error().getString("id")).isNotBlank();
        assertThat(r.body()).doesNotContain(CallsApi.SECRET_MARKER, "IllegalStateException", "at dev.mizan", "\tat ");
    }

    @Assertion(id = "call-mizan-exception", strategy = "MizanException(409, conflict, msg): 409 with that code and message")
    void applicationError() {
        Reply r = client().call("conflict", "{}");
        assertError(r, 409, "conflict");
        assertThat(r.error().getString("message")).isEqualTo("Already taken");
    }

    @Assertion(id = "call-mizan-exception-id", strategy = "A MizanException subclass whose id() names the reference it was"
            + " logged under: the error body carries that id beside its code and message")
    void applicationErrorWithItsReference() {
        Reply r = client().call("declined", "{}");
        assertError(r, 502, "payment_declined");
        assertThat(r.error().getString("message")).isEqualTo("The payment provider declined");
        assertThat(r.error().getString("id")).isEqualTo("pay-7f3a");
    }

    @Assertion(id = "call-wae-entity", strategy = "A WebApplicationException carrying its own response (HTML, a cookie):"
            + " its status with Mizan's JSON error (internal for a 5xx, http_409 for a 409), neither its body nor its headers")
    void webApplicationExceptionWithAnEntity() {
        Reply failed = client().call("upstream", "{\"status\":502}");
        assertError(failed, 502, "internal");
        Reply conflict = client().call("upstream", "{\"status\":409}");
        assertError(conflict, 409, "http_409");
        for (Reply r : new Reply[] {failed, conflict}) {
            assertThat(r.body()).as("%s", r).doesNotContain(CallsApi.SECRET_MARKER, "<html");
            assertThat(r.headers("Set-Cookie")).as("%s", r).noneMatch(c -> c.startsWith("upstream"));
        }
    }

    @Assertion(id = "call-redirect", strategy = "A function returning 303: 200 {redirect: url, invalidate: [...]}")
    void redirectBecomesJson() {
        Reply r = client().call("goNext", "{}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonObject body = r.json();
        assertThat(body.getString("redirect")).isEqualTo("https://example.org/next");
        assertThat(body.getJsonArray("invalidate").getJsonObject(0).getString("context")).isEqualTo("stock");
        assertThat(r.header("Location")).isEmpty();
    }

    @Assertion(id = "call-redirect-without-location", strategy = "A function returning a 3xx without Location (304):"
            + " passes through with Mizan-Invalidate, not a 500 after the function ran")
    void aThreeHundredWithoutLocationPassesThrough() {
        Reply r = client().call("unchanged", "{}");
        assertThat(r.status()).as("%s", r).isEqualTo(304);
        String header = r.header("Mizan-Invalidate").orElseThrow(() -> new AssertionError("no Mizan-Invalidate: " + r));
        assertThat(header).contains("\"stock\"");
    }

    @Assertion(id = "call-response-passthrough", strategy = "A function returning a file Response: passes through (type, body, headers) with Mizan-Invalidate")
    void fileResponsePassesThrough() {
        Reply r = client().call("download", "{}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/csv"));
        assertThat(r.body()).isEqualTo("sku,qty\nA,1\n");
        assertThat(r.header("Content-Disposition")).hasValueSatisfying(cd -> assertThat(cd).contains("stock.csv"));
        String header = r.header("Mizan-Invalidate").orElseThrow(() -> new AssertionError("no Mizan-Invalidate: " + r));
        JsonArray list = Json.createReader(new StringReader(header)).readArray();
        assertThat(list.getJsonObject(0).getString("context")).isEqualTo("stock");
    }

    @Assertion(id = "call-response-no-refresh", strategy = "A function returning its own Response with \"$refresh\":"
            + " the listed entry it invalidated is not read for the answer, so the next GET is a miss")
    void ownResponseReadsNothingForRefresh() {
        HttpTck http = client();
        Map<String, String> sku = Map.of("sku", "dl-refresh");
        http.ctx("stock", sku);
        assertThat(http.ctx("stock", sku).header("Mizan-Cache")).hasValue("hit");
        Reply r = http.call("download", "{\"$refresh\":[\"stock|{\\\"sku\\\":\\\"dl-refresh\\\"}\"]}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.body()).isEqualTo("sku,qty\nA,1\n");
        assertThat(http.ctx("stock", sku).header("Mizan-Cache")).hasValue("miss");
    }

    @Assertion(id = "call-get-not-allowed", strategy = "GET on call/restock with its args in the query: 405"
            + " method_not_allowed, and the function never runs (the sku's stock is unchanged)")
    void getOnCallIsRefused() {
        HttpTck http = client();
        assertError(http.get("mizan/call/restock?sku=get-refused&qty=5"), 405, "method_not_allowed");
        Reply stock = http.ctx("stock", Map.of("sku", "get-refused"));
        assertThat(stock.status()).as("%s", stock).isEqualTo(200);
        assertThat(stock.json().getInt("qty")).as("units after the refused GET").isZero();
    }
}
