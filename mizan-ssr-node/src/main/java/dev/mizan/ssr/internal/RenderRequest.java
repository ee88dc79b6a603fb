package dev.mizan.ssr.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * What a worker renders; the JSON members are already JSON text, so nothing is re-serialised.
 *
 * @param entry     the entry's name
 * @param propsJson the props as JSON text
 * @param url       the request's path and query
 * @param dataJson  the prefetched contexts, {@code {"contexts": {...}}}, as JSON text
 */
public record RenderRequest(String entry, String propsJson, String url, String dataJson) {

    /**
     * The request line: the small members joined as text, the props and data (page-sized) encoded once
     * each and copied once into the line (joined as text first, they were copied three times).
     */
    byte[] line(long id) {
        StringBuilder b = new StringBuilder(64 + entry.length()).append("{\"id\":").append(id).append(",\"entry\":");
        JsonText.string(b, entry);
        byte[] start = b.append(",\"props\":").toString().getBytes(UTF_8);
        byte[] props = propsJson.getBytes(UTF_8);
        b.setLength(0);
        b.append(",\"url\":");
        JsonText.string(b, url);
        byte[] middle = b.append(",\"data\":").toString().getBytes(UTF_8);
        byte[] data = dataJson.getBytes(UTF_8);
        byte[] line = new byte[start.length + props.length + middle.length + data.length + 2];
        int at = 0;
        for (byte[] part : new byte[][] {start, props, middle, data}) {
            System.arraycopy(part, 0, line, at, part.length);
            at += part.length;
        }
        line[at] = '}';
        line[at + 1] = '\n';
        return line;
    }
}
