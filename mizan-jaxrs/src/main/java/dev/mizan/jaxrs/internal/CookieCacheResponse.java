package dev.mizan.jaxrs.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * A servlet response that, just before it commits, downgrades a Mizan response (one carrying
 * {@code Mizan-Protocol}) to {@code Cache-Control: private, no-store} when it will carry a cookie. A
 * cookie is seen three ways: added through this wrapper ({@code addCookie}, a {@code Set-Cookie}
 * header), already among the response's headers, or a session cookie the container is bound to send
 * because the session was created or its id changed during this request (containers keep their own
 * session cookie out of the header API until they commit).
 */
final class CookieCacheResponse extends HttpServletResponseWrapper {

    private final HttpServletRequest request;
    private boolean cookie;
    private boolean checked;
    private ServletOutputStream stream;

    CookieCacheResponse(HttpServletRequest request, HttpServletResponse response) {
        super(response);
        this.request = request;
    }

    /** Applies the rule once, while headers can still change. */
    void beforeCommit() {
        if (checked || isCommitted()) {
            return;
        }
        checked = true;
        if (getHeader(ProtocolHeadersFilter.PROTOCOL) != null && carriesCookie()) {
            super.setHeader(HttpHeaders.CACHE_CONTROL, CacheHeaders.PRIVATE_NO_STORE);
        }
    }

    private boolean carriesCookie() {
        if (cookie || !getHeaders(HttpHeaders.SET_COOKIE).isEmpty()) {
            return true;
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        try {
            return session.isNew() || !request.isRequestedSessionIdValid();
        } catch (IllegalStateException invalidated) {
            return false;
        }
    }

    @Override
    public void addCookie(Cookie c) {
        cookie = true;
        super.addCookie(c);
    }

    @Override
    public void setHeader(String name, String value) {
        super.setHeader(name, noteCookie(name, value));
    }

    @Override
    public void addHeader(String name, String value) {
        super.addHeader(name, noteCookie(name, value));
    }

    private String noteCookie(String name, String value) {
        if (HttpHeaders.SET_COOKIE.equalsIgnoreCase(name)) {
            cookie = true;
        }
        return value;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new GuardedStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        beforeCommit(); // a writer is rarely used on Mizan's paths; decide when it is handed out
        return super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit();
        super.flushBuffer();
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        beforeCommit();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        beforeCommit();
        super.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        beforeCommit();
        super.sendRedirect(location);
    }

    /** Applies the rule before the first byte, flush or close. */
    private final class GuardedStream extends ServletOutputStream {

        private final ServletOutputStream out;

        GuardedStream(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            beforeCommit();
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            beforeCommit();
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            beforeCommit();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            beforeCommit();
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
