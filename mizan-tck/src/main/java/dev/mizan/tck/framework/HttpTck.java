package dev.mizan.tck.framework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The TCK's HTTP client: one instance is one browser-like user agent with its own cookie jar (or none),
 * optional credentials, and the CSRF token it last obtained. Built on {@code java.net.http}.
 *
 * <p>Paths are relative to the deployment's root; Mizan's own endpoints are under {@link #mizanRoot}
 * ({@code mizan/} unless the deployment maps it elsewhere).
 */
public final class HttpTck {

    /** The CSRF request header (docs/reference/protocol.md). */
    public static final String CSRF_HEADER = "Mizan-CSRF";

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final String mizanRoot;
    private final HttpClient client;
    private final CookieManager cookies;
    private final String authorization;
    private String csrfToken;

    private HttpTck(URI base, String mizanRoot, boolean withCookies, String authorization) {
        this.base = base;
        this.mizanRoot = mizanRoot;
        this.cookies = withCookies ? new CookieManager(null, CookiePolicy.ACCEPT_ALL) : null;
        // HTTP/1.1 as browsers speak it over plain HTTP: java.net.http would otherwise try an h2c
        // upgrade, which no browser does, and Open Liberty 25 hangs on a 304 sent over h2c
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (cookies != null) {
            b.cookieHandler(cookies);
        }
        this.client = b.build();
        this.authorization = authorization;
    }

    /**
     * A cookie-keeping client for a deployment.
     *
     * @param base the URL Arquillian injected; its host is replaced by {@link TestProperty#HOST}
     */
    public static HttpTck of(URL base) {
        return new HttpTck(loopback(base), "mizan/", true, null);
    }

    /** @return a client for the same deployment that keeps no cookies (a token-auth client) */
    public HttpTck withoutCookies() {
        return new HttpTck(base, mizanRoot, false, authorization);
    }

    /** @return a new client (own cookie jar) authenticating with HTTP Basic as a demo user, password {@code <user>-pw} */
    public HttpTck basic(String user) {
        return basic(user, user + "-pw");
    }

    /** @return a new client (own cookie jar) authenticating with HTTP Basic */
    public HttpTck basic(String user, String password) {
        String raw = user + ":" + password;
        return new HttpTck(base, mizanRoot, cookies != null,
                "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
    }

    /** @return a new client without cookies sending {@code Authorization: Bearer <token>} */
    public HttpTck bearer(String token) {
        return new HttpTck(base, mizanRoot, false, "Bearer " + token);
    }

    /** @return a new client (own cookie jar) whose Mizan endpoints live under {@code root} (e.g. {@code rpc}) */
    public HttpTck mizanRoot(String root) {
        return new HttpTck(base, root.endsWith("/") ? root : root + "/", cookies != null, authorization);
    }

    /** @return the deployment's root URI (loopback host) */
    public URI base() {
        return base;
    }

    /** @return the context root path, e.g. {@code /shop} */
    public String contextRoot() {
        String p = base.getPath();
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** GET a path relative to the deployment root, with extra headers as name/value pairs. */
    public Reply get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    /** POST a body with a content type (null: no Content-Type header). */
    public Reply post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    /** POST raw bytes with a content type. */
    public Reply post(String path, String contentType, byte[] body, String... headers) {
        return send(request(path, headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** GET {@code ctx/{name}} with params as a client sends them: sorted by name, encodeURIComponent-encoded. */
    public Reply ctx(String name, Map<String, String> params, String... headers) {
        return get(mizanRoot + "ctx/" + name + query(params), headers);
    }

    /** GET {@code ctx/{name}} without params. */
    public Reply ctx(String name, String... headers) {
        return ctx(name, Map.of(), headers);
    }

    /** GET {@code ctx/{name}?{raw query}} exactly as given (for malformed or repeated params). */
    public Reply ctxRaw(String name, String rawQuery, String... headers) {
        return get(mizanRoot + "ctx/" + name + (rawQuery.isEmpty() ? "" : "?" + rawQuery), headers);
    }

    /** GET any Mizan endpoint, e.g. {@code session}, {@code schema}. */
    public Reply mizan(String endpoint, String... headers) {
        return get(mizanRoot + endpoint, headers);
    }

    /** OPTIONS on any Mizan endpoint (a CORS preflight, say), e.g. {@code call/addTodo}. */
    public Reply mizanOptions(String endpoint, String... headers) {
        return send(request(mizanRoot + endpoint, headers).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    /** GET {@code session}, remembering the CSRF token it returns. */
    public Reply session(String... headers) {
        Reply r = mizan("session", headers);
        if (r.status() == 200) {
            csrfToken = r.json().getString("csrfToken", null);
        }
        return r;
    }

    /** @return the CSRF token, fetching {@code session} first when none is held */
    public String csrfToken() {
        if (csrfToken == null) {
            Reply r = session();
            if (csrfToken == null) {
                throw new AssertionError("GET " + mizanRoot + "session gave no csrfToken: " + r);
            }
        }
        return csrfToken;
    }

    /** Replaces the held CSRF token (after a login rotated it). */
    public void csrfToken(String token) {
        this.csrfToken = token;
    }

    /**
     * POST {@code call/{name}} as the generated client does: JSON body, and under cookie auth the CSRF
     * header from {@code session}. Token clients (no cookie jar) send no CSRF header.
     */
    public Reply call(String name, String jsonArgs, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (cookies != null) {
            all.add(CSRF_HEADER);
            all.add(csrfToken());
        }
        return callRaw(name, "application/json", jsonArgs, all.toArray(String[]::new));
    }

    /** POST {@code call/{name}} with exactly the given content type and headers (no CSRF handling). */
    public Reply callRaw(String name, String contentType, String body, String... headers) {
        return post(mizanRoot + "call/" + name, contentType, body, headers);
    }

    /** @return the value of a cookie this client holds for the deployment */
    public Optional<String> cookie(String name) {
        return cookieObject(name).map(HttpCookie::getValue);
    }

    /** @return the names of every cookie this client holds */
    public List<String> cookieNames() {
        return cookies == null ? List.of()
                : cookies.getCookieStore().getCookies().stream().map(HttpCookie::getName).toList();
    }

    /** Plants a cookie as if the server had set it (for forgery tests). */
    public void plantCookie(String name, String value) {
        if (cookies == null) {
            throw new IllegalStateException("client keeps no cookies");
        }
        HttpCookie c = new HttpCookie(name, value);
        c.setPath("/");
        c.setVersion(0);
        cookies.getCookieStore().add(base, c);
    }

    private Optional<HttpCookie> cookieObject(String name) {
        if (cookies == null) {
            return Optional.empty();
        }
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    /** Builds {@code ?a=1&b=2}: names sorted, names and values encoded like encodeURIComponent. */
    public static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder q = new StringBuilder("?");
        new TreeMap<>(params).forEach((k, v) -> {
            if (q.length() > 1) {
                q.append('&');
            }
            q.append(encodeUriComponent(k)).append('=').append(encodeUriComponent(v));
        });
        return q.toString();
    }

    /** Percent-encodes UTF-8 like ECMAScript's encodeURIComponent (unreserved: A-Z a-z 0-9 - _ . ! ~ * ' ( )). */
    public static String encodeUriComponent(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || "-_.!~*'()".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private HttpRequest.Builder request(String path, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name/value pairs");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout());
        if (authorization != null && !hasHeader("Authorization", headers)) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private static boolean hasHeader(String name, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends a request and reads the whole answer within {@link #timeout()}: the request's own timeout ends at
     * the response's headers, and a runtime that answers with a stream (an event stream where an error was
     * due) would otherwise hold the test forever.
     */
    private Reply send(HttpRequest.Builder b) {
        HttpRequest request = b.build();
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = answer.get(timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Reply(r.statusCode(), r.headers(), r.body() == null ? "" : r.body());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new AssertionError("no complete answer within " + timeout() + ": " + request.method() + " " + request.uri());
        } catch (ExecutionException e) {
            throw new UncheckedIOException("HTTP request failed: " + request.uri(),
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Duration timeout() {
        return Duration.ofMillis((long) (TIMEOUT.toMillis() * TestProperty.TIMEOUT_FACTOR.asDouble()));
    }

    /** Rewrites a URL's host to {@link TestProperty#HOST} (Payara Micro reports a non-loopback address). */
    public static URI loopback(URL url) {
        try {
            URI b = url.toURI();
            String path = b.getPath() == null || b.getPath().isEmpty() ? "/" : b.getPath();
            if (!path.endsWith("/")) {
                path = path + "/";
            }
            return new URI(b.getScheme(), null, TestProperty.HOST.required(), b.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url.toString(), e);
        }
    }

    /** A client for a deployment whose URL Arquillian could not inject (it failed to deploy). */
    public static HttpTck forName(String deploymentName) {
        try {
            return of(URI.create(TestProperty.SERVER_URL.required() + "/" + deploymentName + "/").toURL());
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(deploymentName, e);
        }
    }
}
