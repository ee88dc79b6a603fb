package dev.mizan.ssr.internal;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs src/test/js/browser-check.mjs: headless Chromium through playwright-core, the one etc/chromium.mjs
 * picks (MIZAN_CHROMIUM, Debian's, or the npm package's); one that cannot start fails the test with the reason.
 */
final class BrowserCheck {

    private BrowserCheck() {
    }

    /** @return one result object per URL (see browser-check.mjs) */
    static List<JsonObject> open(String... urls) {
        List<String> cmd = new ArrayList<>(List.of(Fixtures.NODE, Fixtures.JS.resolve("browser-check.mjs").toString()));
        cmd.addAll(List.of(urls));
        String out = Fixtures.run(cmd, Duration.ofMinutes(2));
        try (JsonReader r = Json.createReader(new StringReader(out))) {
            JsonArray a = r.readArray();
            return a.getValuesAs(JsonObject.class);
        }
    }

    /** @return the console messages of a page, as "type: text", then its uncaught errors as "pageerror: text" */
    static List<String> console(JsonObject result) {
        List<String> all = new ArrayList<>(result.getJsonArray("console").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("type") + ": " + m.getString("text")).toList());
        result.getJsonArray("pageErrors").getValuesAs(jakarta.json.JsonString.class)
                .forEach(e -> all.add("pageerror: " + e.getString()));
        return all;
    }
}
