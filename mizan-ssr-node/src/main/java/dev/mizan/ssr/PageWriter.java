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

/**
 * Writes a {@link Page} that an application's resource method returns: prefetches its contexts,
 * renders it on the SSR pool and writes the HTML with the hydration data (docs/how-to/ssr.md).
 * It writes {@code Page} entities only, so it touches nothing else. An application whose
 * {@code Application} scans its classes finds it; one that lists its classes adds it by hand.
 *
 * <p>A page that embeds a USER context is sent {@code Cache-Control: private, no-store}. A prefetch
 * that is refused (401, 403, bad params) answers Mizan's JSON error.
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
        StringBuilder body = new StringBuilder("{\"error\":{\"code\":");
        JsonText.string(body, e.code());
        body.append(",\"message\":");
        JsonText.string(body, e.getMessage());
        body.append("}}");
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).header("Mizan-Protocol", "1")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").entity(body.toString()).build();
    }
}
