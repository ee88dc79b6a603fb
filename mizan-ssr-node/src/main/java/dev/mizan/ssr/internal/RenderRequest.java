package dev.mizan.ssr.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What a worker renders; the JSON members are already JSON text, so nothing is re-serialised.
 *
 * @param entry     the entry's name
 * @param propsJson the props as JSON text
 * @param url       the request's path and query
 * @param dataJson  the prefetched contexts, {@code {"contexts": {...}}}, as JSON text
 */
public record RenderRequest(String entry, String propsJson, String url, String dataJson) {

    private static final byte[] END = {'}', '\n'};

    /**
     * Writes the request line to {@code out}: the small members joined as text, the props and data
     * (page-sized) encoded once each and written as they are, with no line assembled from them first.
     * {@code out} is the worker's buffered stdin, which sends the line in as few writes as its buffer allows.
     *
     * @param out where the line goes (not flushed here)
     * @param id  the request's id, echoed in the reply's header
     * @throws IOException when the worker's stdin is closed
     */
    void writeTo(OutputStream out, long id) throws IOException {
        StringBuilder b = new StringBuilder(64 + entry.length() + url.length()).append("{\"id\":").append(id).append(",\"entry\":");
        JsonText.string(b, entry);
        out.write(b.append(",\"props\":").toString().getBytes(UTF_8));
        out.write(propsJson.getBytes(UTF_8));
        b.setLength(0);
        b.append(",\"url\":");
        JsonText.string(b, url);
        out.write(b.append(",\"data\":").toString().getBytes(UTF_8));
        out.write(dataJson.getBytes(UTF_8));
        out.write(END);
    }
}
