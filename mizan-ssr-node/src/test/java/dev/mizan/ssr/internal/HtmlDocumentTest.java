package dev.mizan.ssr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The page's layout: the hydration data script comes before anything the bundle rendered, so an element
 * of rendered content with its id (user HTML a sanitizer passed, which keeps {@code id}) cannot come
 * first and be read in its place (DOM clobbering; docs/reference/security.md).
 */
class HtmlDocumentTest {

    private static final String DATA = "<script type=\"application/json\" id=\"__MIZAN_SSR_DATA__\">";
    private static final String FORGED = "{\"contexts\":{\"todos|{}\":{\"data\":\"forged\"}}}";

    @Test
    void theDataScriptIsTheFirstElementWithItsIdAheadOfTheBundlesHeadAndHtml() throws IOException {
        String page = write(new HtmlDocument("Shop <1>",
                ("<meta name=\"fw\" content=\"x\"><p id=\"__MIZAN_SSR_DATA__\">" + FORGED + "</p>").getBytes(StandardCharsets.UTF_8),
                ("<main><p id=\"__MIZAN_SSR_DATA__\">" + FORGED + "</p>" + DATA + FORGED + "</script></main>").getBytes(StandardCharsets.UTF_8),
                true, "{\"contexts\":{},\"entry\":\"home\",\"props\":{}}", List.of("/static/home.js"), false));
        assertThat(page).startsWith("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Shop &lt;1&gt;</title>"
                + DATA + "{\"contexts\":{},\"entry\":\"home\",\"props\":{}}</script>\n<meta name=\"fw\" content=\"x\">");
        assertThat(page.indexOf("__MIZAN_SSR_DATA__")).as("the first mention of the id").isEqualTo(page.indexOf(DATA) + DATA.indexOf("__"));
        assertThat(page).containsSubsequence(DATA + "{\"contexts\":{}", "</head>", "<div id=\"app\" data-mizan-ssr=\"rendered\"><main>",
                "</main></div>\n<script type=\"module\" src=\"/static/home.js\"></script>\n</body></html>\n");
    }

    @Test
    void aFallbackShellHasTheSameLayout() throws IOException {
        String page = write(new HtmlDocument(null, new byte[0], new byte[0], false, "{\"contexts\":{}}", List.of("/a.js", "/b.js"), true));
        assertThat(page).isEqualTo("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">" + DATA + "{\"contexts\":{}}</script>\n"
                + "</head>\n<body><div id=\"app\" data-mizan-ssr=\"fallback\"></div>\n"
                + "<script type=\"module\" src=\"/a.js\"></script>\n<script type=\"module\" src=\"/b.js\"></script>\n</body></html>\n");
    }

    private static String write(HtmlDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.write(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
