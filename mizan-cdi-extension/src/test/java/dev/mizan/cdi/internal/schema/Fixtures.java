package dev.mizan.cdi.internal.schema;

import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbDateFormat;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbNumberFormat;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Application-like types for the schema tests. Public, as JSON-B needs. */
public final class Fixtures {

    private Fixtures() {
    }

    /** Like JSpecify's and JSR 305's: matched by simple name. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
    public @interface Nullable {
    }

    /** Matched by simple name. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
    public @interface NonNull {
    }

    public enum Priority { LOW, HIGH }

    public record Todo(long id, @NotBlank String title, boolean done, Priority priority, Optional<LocalDate> due,
                       Set<String> tags, BigDecimal cost, UUID uuid, Instant createdAt) {
    }

    public record Page<T>(List<T> items, int total, @NonNull String cursor) {
    }

    /** A generic record bound through a subclass-like use: a record cannot be extended, so a bean is used. */
    public static class Box<T> {
        private T content;

        public Box() {
        }

        public Box(T content) {
            this.content = content;
        }

        public T getContent() {
            return content;
        }
    }

    public static class TodoBox extends Box<Todo> {
        public TodoBox() {
        }

        public TodoBox(Todo todo) {
            super(todo);
        }
    }

    /** Recursive: a tree of categories. */
    public record Category(String name, List<Category> children, @Nullable Category parent) {
    }

    /** A Java bean, exercising Yasson's property rules. */
    public static class Person {
        public String nickname;
        public static String ignoredStatic = "s";
        public transient String ignoredTransient = "t";
        private String first;
        private int age;
        private String secret = "x";
        @JsonbTransient
        private String skipped = "y";
        private String hiddenGetter = "h";
        @NotNull
        private String email;
        private Map<String, List<Integer>> scores;

        public Person() {
        }

        public Person(String nickname, String first, int age, String email, Map<String, List<Integer>> scores) {
            this.nickname = nickname;
            this.first = first;
            this.age = age;
            this.email = email;
            this.scores = scores;
        }

        @JsonbProperty("first_name")
        public String getFirst() {
            return first;
        }

        public int getAge() {
            return age;
        }

        public boolean isAdult() {
            return age >= 18;
        }

        public String getSkipped() {
            return skipped;
        }

        String getHiddenGetter() {
            return hiddenGetter;
        }

        public String getEmail() {
            return email;
        }

        public Map<String, List<Integer>> getScores() {
            return scores;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }
    }

    /** Inheritance: the child sees the parent's properties. */
    public static class Employee extends Person {
        private String badge;

        public Employee() {
        }

        public Employee(String first, int age, String email, String badge) {
            super(null, first, age, email, Map.of("art", List.of(3)));
            this.badge = badge;
        }

        public String getBadge() {
            return badge;
        }
    }

    /** Writes nulls: every property is present, maybe null. */
    @JsonbNillable
    public record Nillable(String maybe, @NotNull String surely) {
    }

    /** A bean, not a record: Yasson 3.0.4 fails on time-in-millis on a record's constructor parameters. */
    public static class Formatted {
        @JsonbNumberFormat("#0.00")
        public double amount;
        @JsonbDateFormat("dd.MM.yyyy")
        public LocalDate day;
        @JsonbDateFormat(JsonbDateFormat.TIME_IN_MILLIS)
        public Instant stamp;

        public Formatted() {
        }

        public Formatted(double amount, LocalDate day, Instant stamp) {
            this.amount = amount;
            this.day = day;
            this.stamp = stamp;
        }
    }

    /** Writes a {@link Money} as a string such as "12.50 EUR". */
    public static class MoneyAdapter implements JsonbAdapter<Money, String> {
        @Override
        public String adaptToJson(Money money) {
            return money.amount().toPlainString() + " " + money.currency();
        }

        @Override
        public Money adaptFromJson(String text) {
            String[] parts = text.split(" ");
            return new Money(new BigDecimal(parts[0]), parts[1]);
        }
    }

    @JsonbTypeAdapter(MoneyAdapter.class)
    public record Money(BigDecimal amount, String currency) {
    }

    public record Invoice(Money total, @JsonbTypeAdapter(CountAdapter.class) Integer lines) {
    }

    /** Writes an int as a list of that many "x". */
    public static class CountAdapter implements JsonbAdapter<Integer, List<String>> {
        @Override
        public List<String> adaptToJson(Integer count) {
            return java.util.Collections.nCopies(count, "x");
        }

        @Override
        public Integer adaptFromJson(List<String> list) {
            return list.size();
        }
    }

    public static class AnySerializer implements JsonbSerializer<Custom> {
        @Override
        public void serialize(Custom value, JsonGenerator generator, SerializationContext ctx) {
            generator.write("custom");
        }
    }

    @JsonbTypeSerializer(AnySerializer.class)
    public record Custom(String x) {
    }

    public record WithObject(Object anything) {
    }

    public record WithAbstract(Number number) {
    }

    public record Uses(dev.mizan.cdi.internal.schema.a.Item first, dev.mizan.cdi.internal.schema.b.Item second) {
    }

    /** Record methods named like getters are written under their own names by Yasson. */
    public record Odd(String value) {
        public String getShout() {
            return value.toUpperCase(java.util.Locale.ROOT);
        }
    }
}
