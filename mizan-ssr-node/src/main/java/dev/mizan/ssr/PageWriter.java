package dev.mizan.ssr;

import dev.mizan.MizanException;
import dev.mizan.Page;
import dev.mizan.ssr.internal.HtmlDocument;
import dev.mizan.ssr.internal.JsonText;
import dev.mizan.ssr.internal.SsrRuntime;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link Page} that an application's resource method returns: prefetches its contexts,
 * renders it on the SSR pool and writes the HTML with the hydration data (docs/how-to/ssr.md).
 * It writes {@code Page} entities only, so it touches nothing else. An application whose
 * {@code Application} scans its classes finds it; one that lists its classes adds it by hand.
 *
 * <p>A page that embeds a USER context is sent {@code Cache-Control: private, no-store}. A page that
 * cannot be sent answers Mizan's JSON error (docs/reference/errors.md): a refused prefetch (401, 403, bad
 * params) its own; props JSON-B cannot write, or any other failure, {@code 500 internal} with the id its
 * stack is logged under.
 *
 * @since 0.1
 */
@Provider
@Produces(MediaType.TEXT_HTML)
public class PageWriter implements MessageBodyWriter<Page> {

    @Context
    UriInfo uriInfo;

    private volatile SsrRuntime runtime;

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Page.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(Page page, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        HtmlDocument doc;
        try {
            doc = runtime().render(page, url());
        } catch (MizanException e) {
            throw new WebApplicationException(error(e));
        }
        headers.putSingle(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8");
        if (doc.userData()) {
            headers.putSingle(HttpHeaders.CACHE_CONTROL, "private, no-store");
        }
        doc.write(out);
    }

    private SsrRuntime runtime() {
        SsrRuntime rt = runtime;
        if (rt == null) {
            rt = CDI.current().select(SsrRuntime.class).get();
            runtime = rt;
        }
        return rt;
    }

    private String url() {
        if (uriInfo == null) {
            return "/";
        }
        java.net.URI u = uriInfo.getRequestUri();
        return u.getRawQuery() == null ? u.getRawPath() : u.getRawPath() + "?" + u.getRawQuery();
    }

    private static Response error(MizanException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).header("Mizan-Protocol", "1")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").entity(errorBody(e)).build();
    }

    /**
     * Mizan's error body, {@code {"error": {"code", "message"?, "fields"?, "id"?}}}, as the core writes it
     * (docs/reference/errors.md): {@code fields} when there are any, sorted by name; {@code id} for a
     * {@code 500 internal} that was logged under one. A null message is left out, and a null code is the
     * one the status has for a {@code WebApplicationException}: {@code internal} for a 5xx,
     * {@code http_<status>} for a 4xx.
     *
     * @param e what stopped the page
     * @return the JSON text
     */
    static String errorBody(MizanException e) {
        StringBuilder body = new StringBuilder(128).append("{\"error\":{\"code\":");
        JsonText.string(body, e.code() != null ? e.code() : e.status() >= 500 ? "internal" : "http_" + e.status());
        if (e.getMessage() != null) {
            body.append(",\"message\":");
            JsonText.string(body, e.getMessage());
        }
        Map<String, List<String>> fields = e.fields();
        if (fields != null && !fields.isEmpty()) {
            body.append(",\"fields\":");
            fields(body, fields);
        }
        String id = e.id();
        if (id != null) {
            body.append(",\"id\":");
            JsonText.string(body, id);
        }
        return body.append("}}").toString();
    }

    /** Appends {@code {"name": ["message", ...], ...}} sorted by name; null names and messages are left out. */
    private static void fields(StringBuilder body, Map<String, List<String>> fields) {
        Map<String, List<String>> sorted = new TreeMap<>();
        fields.forEach((name, messages) -> {
            if (name != null) {
                sorted.put(name, messages == null ? List.of() : messages);
            }
        });
        body.append('{');
        String comma = "";
        for (Map.Entry<String, List<String>> field : sorted.entrySet()) {
            body.append(comma);
            comma = ",";
            JsonText.string(body, field.getKey());
            body.append(":[");
            String inner = "";
            for (String message : field.getValue()) {
                if (message != null) {
                    body.append(inner);
                    inner = ",";
                    JsonText.string(body, message);
                }
            }
            body.append(']');
        }
        body.append('}');
    }
}
