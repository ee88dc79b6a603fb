package dev.mizan.cdi.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class MizanJsonbTest {

    private static final Jsonb JSONB = MizanJsonb.create();

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    public enum Status { OPEN, DONE }

    public record Money(BigDecimal amount, BigInteger cents) {
    }

    public record Everything(String zeta, long id, int count, Status status, Optional<String> note, List<String> tags,
                             Set<Status> seen, Map<String, Integer> scores, LocalDate day, Instant at,
                             OffsetDateTime when, UUID uuid, BigDecimal price, String absent) {
    }

    /** A Java bean: private fields with getters, a public field, a transient and a renamed property. */
    public static class Bean {
        public String publicField = "pf";
        private String secret = "hidden";
        private String name = "n";
        private String renamed = "r";
        private String skipped = "s";

        public String getName() {
            return name;
        }

        @JsonbProperty("display_name")
        public String getRenamed() {
            return renamed;
        }

        @JsonbTransient
        public String getSkipped() {
            return skipped;
        }

        public String getComputed() {
            return "c";
        }
    }

    /** Writes a {@link Point} as "x,y". */
    public static class PointAdapter implements JsonbAdapter<Point, String> {
        @Override
        public String adaptToJson(Point p) {
            return p.x() + "," + p.y();
        }

        @Override
        public Point adaptFromJson(String s) {
            String[] parts = s.split(",");
            return new Point(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }
    }

    @JsonbTypeAdapter(PointAdapter.class)
    public record Point(int x, int y) {
    }

    public record Shape(Point origin) {
    }

    public record Holder(Optional<String> note) {
    }

    @Test
    void writesBigNumbersAsStringsWithoutExponent() {
        assertThat(JSONB.toJson(new Money(new BigDecimal("1E+3"), new BigInteger("123456789012345678901234567890"))))
                .isEqualTo("{\"amount\":\"1000\",\"cents\":\"123456789012345678901234567890\"}");
        assertThat(JSONB.toJson(new BigDecimal("0.10"))).isEqualTo("\"0.10\"");
        assertThat(JSONB.toJson(List.of(new BigDecimal("2.5")))).isEqualTo("[\"2.5\"]");
        assertThat(JSONB.toJson(Map.of("k", BigInteger.TEN))).isEqualTo("{\"k\":\"10\"}");
    }

    @Test
    void readsBigNumbersFromStringsAndNumbers() {
        assertThat(JSONB.fromJson("{\"amount\":\"12.50\",\"cents\":12345678901234567890123}", Money.class))
                .isEqualTo(new Money(new BigDecimal("12.50"), new BigInteger("12345678901234567890123")));
        assertThat(JSONB.fromJson("{\"amount\":0.1,\"cents\":\"7\"}", Money.class))
                .isEqualTo(new Money(new BigDecimal("0.1"), BigInteger.valueOf(7)));
    }

    @Test
    void refusesWhatIsNotANumber() {
        assertThatThrownBy(() -> JSONB.fromJson("{\"amount\":\"ten\"}", Money.class))
                .isInstanceOf(JsonbException.class).hasStackTraceContaining("Not a BigDecimal: \"ten\"");
        assertThatThrownBy(() -> JSONB.fromJson("{\"cents\":\"1.5\"}", Money.class))
                .isInstanceOf(JsonbException.class).hasStackTraceContaining("Not a BigInteger: \"1.5\"");
        assertThatThrownBy(() -> JSONB.fromJson("{\"amount\":true}", Money.class))
                .isInstanceOf(JsonbException.class).hasStackTraceContaining("expected a JSON string or number");
    }

    @Test
    void writesRecordsInLexicographicOrderWithNullsLeftOut() {
        Map<String, Integer> scores = new LinkedHashMap<>();
        scores.put("b", 2);
        scores.put("a", 1);
        Everything value = new Everything("z", 9007199254740993L, 3, Status.DONE, Optional.empty(), List.of("x", "y"),
                Set.of(Status.OPEN), scores, LocalDate.of(2024, 2, 29), Instant.parse("2024-01-02T03:04:05Z"),
                OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new BigDecimal("19.99"), null);

        assertThat(JSONB.toJson(value)).isEqualTo("{\"at\":\"2024-01-02T03:04:05Z\",\"count\":3,\"day\":\"2024-02-29\","
                + "\"id\":9007199254740993,\"price\":\"19.99\",\"scores\":{\"b\":2,\"a\":1},\"seen\":[\"OPEN\"],"
                + "\"status\":\"DONE\",\"tags\":[\"x\",\"y\"],\"uuid\":\"123e4567-e89b-12d3-a456-426614174000\","
                + "\"when\":\"2024-01-02T03:04:05+02:00\",\"zeta\":\"z\"}");
    }

    @Test
    void writesPresentOptionalsAsTheirValue() {
        assertThat(JSONB.toJson(new Holder(Optional.of("hi")))).isEqualTo("{\"note\":\"hi\"}");
    }

    @Test
    void honoursJsonbAnnotationsOnApplicationTypes() {
        assertThat(JSONB.toJson(new Bean()))
                .isEqualTo("{\"computed\":\"c\",\"display_name\":\"r\",\"name\":\"n\",\"publicField\":\"pf\"}");
        assertThat(JSONB.toJson(new Shape(new Point(1, 2)))).isEqualTo("{\"origin\":\"1,2\"}");
        assertThat(JSONB.fromJson("{\"origin\":\"3,4\"}", Shape.class)).isEqualTo(new Shape(new Point(3, 4)));
    }
}
