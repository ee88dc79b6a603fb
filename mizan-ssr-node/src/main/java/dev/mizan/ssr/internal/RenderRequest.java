package dev.mizan.ssr.internal;

/**
 * What a worker renders; the JSON members are already JSON text, so nothing is re-serialised.
 *
 * @param entry     the entry's name
 * @param propsJson the props as JSON text
 * @param url       the request's path and query
 * @param dataJson  the prefetched contexts, {@code {"contexts": {...}}}, as JSON text
 */
public record RenderRequest(String entry, String propsJson, String url, String dataJson) {

    byte[] line(long id) {
        StringBuilder b = new StringBuilder(propsJson.length() + dataJson.length() + entry.length() + url.length() + 64);
        b.append("{\"id\":").append(id).append(",\"entry\":");
        JsonText.string(b, entry);
        b.append(",\"props\":").append(propsJson).append(",\"url\":");
        JsonText.string(b, url);
        b.append(",\"data\":").append(dataJson).append("}\n");
        return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
