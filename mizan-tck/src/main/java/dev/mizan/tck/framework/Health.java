package dev.mizan.tck.framework;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.function.Predicate;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The server's MicroProfile Health endpoints ({@link TestProperty#HEALTH}) and the {@code mizan}
 * readiness check in them.
 */
public final class Health {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpTck http;

    private Health(HttpTck http) {
        this.http = http;
    }

    /** @param base the deployment's URL, whose server root is the default health root */
    public static Health of(URL base) {
        String root = TestProperty.HEALTH.value().filter(v -> !v.isBlank())
                .orElseGet(() -> HttpTck.loopback(base).resolve("/health/").toString());
        try {
            return new Health(HttpTck.of(URI.create(root.endsWith("/") ? root : root + "/").toURL()));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(root, e);
        }
    }

    /** @return GET ready: 200 when every readiness check is UP, 503 otherwise */
    public Reply ready() {
        return http.get("ready");
    }

    /** @return GET live */
    public Reply live() {
        return http.get("live");
    }

    /**
     * @return the check named {@code mizan} in the readiness reply
     * @throws AssertionError with the whole reply when there is none
     */
    public JsonObject mizan() {
        return mizan(ready());
    }

    /**
     * Reads the readiness reply until the {@code mizan} check has the status, doing {@code meanwhile}
     * before each read (traffic that lets the server notice a change).
     *
     * @return the check with that status
     * @throws AssertionError naming the last reply when the status does not come within 30 s (times the timeout factor)
     */
    public JsonObject awaitMizan(String status, Runnable meanwhile) {
        return awaitMizan(check -> status.equals(check.getString("status")), status, meanwhile);
    }

    /**
     * Reads the readiness reply until the {@code mizan} check passes {@code test}, doing {@code meanwhile}
     * before each read.
     *
     * @param what what {@code test} waits for, for the message
     * @return the check that passed
     * @throws AssertionError naming the last reply when no check passes within 30 s (times the timeout factor)
     */
    public JsonObject awaitMizan(Predicate<JsonObject> test, String what, Runnable meanwhile) {
        long deadline = System.nanoTime() + (long) (WAIT.toNanos() * TestProperty.TIMEOUT_FACTOR.asDouble());
        while (true) {
            meanwhile.run();
            Reply r = ready();
            JsonObject check = mizan(r);
            if (test.test(check)) {
                return check;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the mizan check did not show " + what + " within " + WAIT + "; last reply " + r);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** @return the check's data object (empty when it has none) */
    public static JsonObject data(JsonObject check) {
        JsonValue data = check.get("data");
        return data == null ? JsonValue.EMPTY_JSON_OBJECT : data.asJsonObject();
    }

    private static JsonObject mizan(Reply r) {
        if (r.status() != 200 && r.status() != 503) {
            throw new AssertionError("not a MicroProfile Health reply: " + r);
        }
        return r.json().getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> "mizan".equals(c.getString("name", "")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check named mizan in " + r));
    }
}
