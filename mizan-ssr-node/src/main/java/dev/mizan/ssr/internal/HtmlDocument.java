package dev.mizan.ssr.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The page sent to the browser: the hydration data in
 * {@code <script type="application/json" id="__MIZAN_SSR_DATA__">}, the bundle's head and body (raw
 * bytes, as the worker sent them), and the page's module scripts. The data script comes first, ahead of
 * everything the bundle rendered, so it is the first element with its id: rendered content that carries
 * the same id (user HTML a sanitizer passed) cannot be read in its place (docs/reference/security.md,
 * "Server-side rendering"). A fallback has an empty root, the same data and the same scripts, so the
 * browser renders it without fetching the seeded contexts.
 *
 * @param title      the title, or null
 * @param head       the bundle's head bytes (empty for a fallback)
 * @param html       the bundle's body bytes (empty for a fallback)
 * @param rendered   whether a worker rendered the body ({@code data-mizan-ssr="rendered"}, else {@code "fallback"})
 * @param dataJson   the hydration data as JSON text (escaped here)
 * @param scripts    module script URLs
 * @param userData   whether the page embeds USER data ({@code private, no-store})
 */
public record HtmlDocument(String title, byte[] head, byte[] html, boolean rendered, String dataJson,
                           List<String> scripts, boolean userData) {

    /** The id of the hydration data script, read by {@code @mizan/base}'s {@code readSsrData}. */
    public static final String DATA_ID = "__MIZAN_SSR_DATA__";

    /**
     * @param out where to write the UTF-8 document
     * @throws IOException as {@code out} throws it
     */
    public void write(OutputStream out) throws IOException {
        StringBuilder b = new StringBuilder(256).append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">");
        if (title != null) {
            b.append("<title>");
            text(b, title);
            b.append("</title>");
        }
        // before the bundle's head and html: nothing rendered precedes it (see above)
        b.append("<script type=\"application/json\" id=\"").append(DATA_ID).append("\">")
                .append(JsonText.forScript(dataJson)).append("</script>\n");
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.write(head);
        out.write(("</head>\n<body><div id=\"app\" data-mizan-ssr=\"" + (rendered ? "rendered" : "fallback") + "\">")
                .getBytes(StandardCharsets.UTF_8));
        out.write(html);
        b.setLength(0);
        b.append("</div>\n");
        for (String src : scripts) {
            b.append("<script type=\"module\" src=\"");
            text(b, src);
            b.append("\"></script>\n");
        }
        b.append("</body></html>\n");
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** HTML-escapes text and attribute values. */
    private static void text(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
    }
}
