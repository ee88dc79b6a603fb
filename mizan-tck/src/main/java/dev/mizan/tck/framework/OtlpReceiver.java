package dev.mizan.tck.framework;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenTelemetry collector of the TCK's own: an OTLP/HTTP endpoint on a free loopback port that
 * keeps the latest value of every sum (counter) data point the server exports. A deployment points
 * its MicroProfile Telemetry exporter here ({@code otel.exporter.otlp.endpoint}, protocol
 * {@code http/protobuf}).
 *
 * <p>It reads the few protobuf fields it needs (OTLP's {@code metrics.proto}: request 1 resource
 * metrics, 2 scope metrics, 2 metric; metric 1 name, 7 sum; sum 1 data point; point 7 attribute,
 * 6 {@code as_int}; attribute 1 key, 2 value, whose 1 is a string) and skips the rest.
 */
public final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    /** {@code name{key=value,...}} (keys sorted) to the latest cumulative value. */
    private final Map<String, Long> sums = new ConcurrentHashMap<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    /** @return a running receiver */
    public static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/metrics", receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the endpoint for {@code otel.exporter.otlp.endpoint} */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * @param metric     the instrument's name
     * @param attributes the exact attribute set
     * @return the latest exported value of that counter, 0 when none was exported yet
     */
    public long sum(String metric, Map<String, String> attributes) {
        return sums.getOrDefault(key(metric, new TreeMap<>(attributes)), 0L);
    }

    /** @return every counter seen, for failure messages */
    public Map<String, Long> sums() {
        return new TreeMap<>(sums);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            forEach(ByteBuffer.wrap(body), 1, rm -> forEach(rm, 2, sm -> forEach(sm, 2, this::metric)));
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private void metric(ByteBuffer metric) {
        String[] name = {null};
        forEach(metric.duplicate(), 1, b -> name[0] = string(b));
        forEach(metric, 7, sum -> forEach(sum, 1, point -> point(name[0], point)));
    }

    private void point(String metric, ByteBuffer point) {
        Map<String, String> attributes = new TreeMap<>();
        long[] value = {0};
        Protobuf.read(point, (field, wire, b) -> {
            if (field == 7 && wire == 2) {
                String[] kv = new String[2];
                Protobuf.read(b, (f, w, v) -> {
                    if (f == 1 && w == 2) {
                        kv[0] = string(v);
                    } else if (f == 2 && w == 2) {
                        forEach(v, 1, s -> kv[1] = string(s));
                    }
                });
                attributes.put(kv[0], kv[1]);
            } else if (field == 6 && wire == 1) {
                value[0] = b.order(ByteOrder.LITTLE_ENDIAN).getLong(b.position());
            }
        });
        sums.put(key(metric, attributes), value[0]);
    }

    private static String key(String metric, Map<String, String> sortedAttributes) {
        return metric + sortedAttributes;
    }

    private static void forEach(ByteBuffer message, int wantedField, java.util.function.Consumer<ByteBuffer> each) {
        Protobuf.read(message, (field, wire, b) -> {
            if (field == wantedField && wire == 2) {
                each.accept(b);
            }
        });
    }

    private static String string(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The protobuf wire format, as far as reading fields goes. */
    private static final class Protobuf {

        interface Field {
            /** @param value for wire type 2 the field's bytes, for 1 and 5 a buffer positioned at them */
            void accept(int field, int wire, ByteBuffer value);
        }

        static void read(ByteBuffer message, Field each) {
            ByteBuffer b = message.duplicate();
            while (b.hasRemaining()) {
                long tag = varint(b);
                int field = (int) (tag >>> 3);
                int wire = (int) (tag & 7);
                switch (wire) {
                    case 0 -> varint(b);
                    case 1 -> {
                        each.accept(field, wire, b.slice(b.position(), 8));
                        b.position(b.position() + 8);
                    }
                    case 2 -> {
                        int length = (int) varint(b);
                        each.accept(field, wire, b.slice(b.position(), length));
                        b.position(b.position() + length);
                    }
                    case 5 -> b.position(b.position() + 4);
                    default -> throw new IllegalArgumentException("protobuf wire type " + wire + " is not expected in OTLP metrics");
                }
            }
        }

        private static long varint(ByteBuffer b) {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte x = b.get();
                result |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }
    }
}
