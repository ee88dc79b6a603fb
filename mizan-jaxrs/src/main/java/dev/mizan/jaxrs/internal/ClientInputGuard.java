package dev.mizan.jaxrs.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/**
 * Keeps client input that the JAX-RS runtime would refuse with its own HTML page (and a logged stack
 * trace) away from it, on requests for {@code MizanApplication} only (docs/reference/security.md,
 * "Errors"): a URL whose percent-encoding is not UTF-8 ({@code %FF}) is answered here with Mizan's
 * {@code 400 bad_request}; a {@code Content-Type} that is not JSON (empty, unparseable, another type,
 * or one of two) is hidden from the runtime, so the resource answers its own {@code 415} (a read
 * ignores it); an {@code Accept} the runtime could not parse is hidden too (Mizan answers JSON anyway).
 * A call refused here is counted like those {@link CallResource} refuses (docs/how-to/operations.md).
 */
final class ClientInputGuard implements Filter {

    /** The servlet name JAX-RS gives an {@code Application} subclass (JAX-RS 3.1, §2.3.2). */
    static final String MIZAN_SERVLET = "dev.mizan.jaxrs.MizanApplication";
    private static final String CALL = "/call/";

    private final EngineLookup engine = new EngineLookup();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)
                || !forMizan(http)) {
            chain.doFilter(request, response);
            return;
        }
        if (!utf8PercentEncoding(http.getRequestURI()) || !utf8PercentEncoding(http.getQueryString())) {
            String path = http.getPathInfo();
            if ("POST".equals(http.getMethod()) && path != null && path.startsWith(CALL)) {
                engine.get().metrics().refused(path.substring(CALL.length()), "bad_request");
            }
            httpResponse.setStatus(400);
            httpResponse.setHeader(ProtocolHeadersFilter.PROTOCOL, "1");
            httpResponse.setHeader(ProtocolHeadersFilter.SCHEMA, engine.get().schemaHash());
            httpResponse.setHeader(HttpHeaders.CACHE_CONTROL, CacheHeaders.NO_STORE);
            httpResponse.setContentType(MediaType.APPLICATION_JSON);
            httpResponse.getOutputStream().write(ErrorBody.of("bad_request",
                    "The URL is not percent-encoded UTF-8", Map.of(), null).getBytes(StandardCharsets.UTF_8));
            return;
        }
        Enumeration<String> types = http.getHeaders(HttpHeaders.CONTENT_TYPE);
        boolean hideType = types.hasMoreElements() && (!JsonContentType.accepts(types.nextElement()) || types.hasMoreElements());
        boolean hideAccept = false;
        for (Enumeration<String> accept = http.getHeaders(HttpHeaders.ACCEPT); accept.hasMoreElements() && !hideAccept; ) {
            hideAccept = !MediaTypeSyntax.acceptList(accept.nextElement());
        }
        chain.doFilter(hideType || hideAccept ? new WithoutHeaders(http, hideType, hideAccept) : http, response);
    }

    private static boolean forMizan(HttpServletRequest request) {
        HttpServletMapping mapping = request.getHttpServletMapping();
        return mapping != null && MIZAN_SERVLET.equals(mapping.getServletName());
    }

    /** @return whether every {@code %XX} of the raw URI is well-formed and the bytes are UTF-8 */
    static boolean utf8PercentEncoding(String rawUri) {
        if (rawUri == null || rawUri.indexOf('%') < 0) {
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(rawUri.length() * 3);
        for (int i = 0; i < rawUri.length(); i++) {
            char c = rawUri.charAt(i);
            if (c == '%') {
                if (i + 2 >= rawUri.length()) {
                    return false;
                }
                int hi = Character.digit(rawUri.charAt(i + 1), 16);
                int lo = Character.digit(rawUri.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c); // the usual case, without a String per character
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The request as if it did not carry some headers ({@code Content-Type}, {@code Accept}). */
    private static final class WithoutHeaders extends HttpServletRequestWrapper {

        private final boolean contentType;
        private final boolean accept;

        WithoutHeaders(HttpServletRequest request, boolean contentType, boolean accept) {
            super(request);
            this.contentType = contentType;
            this.accept = accept;
        }

        private boolean isHidden(String name) {
            return contentType && HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) || accept && HttpHeaders.ACCEPT.equalsIgnoreCase(name);
        }

        @Override
        public String getContentType() {
            return contentType ? null : super.getContentType();
        }

        @Override
        public String getHeader(String name) {
            return isHidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isHidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(this::isHidden);
            return Collections.enumeration(names);
        }
    }
}
