package dev.mizan.ssr.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A small HTTP server for the browser tests (ports 24100-24199): pages rendered on demand, the client
 * bundles under {@code /static/}, and {@code /mizan/...} recorded and refused, so a page that fetched a
 * context it was seeded with is caught.
 */
final class PageServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Supplier<HtmlDocument>> pages = new ConcurrentHashMap<>();
    final List<String> mizanRequests = new CopyOnWriteArrayList<>();

    PageServer(int port, Path staticDir) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::handle);
        server.createContext("/favicon.ico", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.createContext("/static/", ex -> {
            Path file = staticDir.resolve(ex.getRequestURI().getPath().substring("/static/".length())).normalize();
            if (!file.startsWith(staticDir) || !Files.isRegularFile(file)) {
                send(ex, 404, "text/plain", "no such file".getBytes());
            } else {
                send(ex, 200, "text/javascript", Files.readAllBytes(file));
            }
        });
        server.createContext("/mizan/", ex -> {
            mizanRequests.add(ex.getRequestURI().toString());
            send(ex, 500, "application/json", "{\"error\":{\"code\":\"internal\",\"message\":\"test server\"}}".getBytes());
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void page(String path, Supplier<HtmlDocument> page) {
        pages.put(path, page);
    }

    private void handle(HttpExchange ex) throws IOException {
        Supplier<HtmlDocument> page = pages.get(ex.getRequestURI().getPath());
        if (page == null) {
            send(ex, 404, "text/plain", "no such page".getBytes());
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HtmlDocument doc = page.get();
        doc.write(body);
        if (doc.userData()) {
            ex.getResponseHeaders().add("Cache-Control", "private, no-store");
        }
        send(ex, 200, "text/html;charset=UTF-8", body.toByteArray());
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
