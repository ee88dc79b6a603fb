package dev.mizan.cdi.internal.schema;

import static dev.mizan.cdi.internal.schema.SchemaCheck.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.internal.json.MizanJsonb;
import dev.mizan.cdi.internal.schema.Fixtures.Category;
import dev.mizan.cdi.internal.schema.Fixtures.Employee;
import dev.mizan.cdi.internal.schema.Fixtures.Formatted;
import dev.mizan.cdi.internal.schema.Fixtures.Invoice;
import dev.mizan.cdi.internal.schema.Fixtures.Money;
import dev.mizan.cdi.internal.schema.Fixtures.Nillable;
import dev.mizan.cdi.internal.schema.Fixtures.Odd;
import dev.mizan.cdi.internal.schema.Fixtures.Page;
import dev.mizan.cdi.internal.schema.Fixtures.Person;
import dev.mizan.cdi.internal.schema.Fixtures.Priority;
import dev.mizan.cdi.internal.schema.Fixtures.Todo;
import dev.mizan.cdi.internal.schema.Fixtures.TodoBox;
import dev.mizan.cdi.internal.schema.Fixtures.Uses;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The schema must describe what {@link MizanJsonb} (Yasson here) really writes: every value below is
 * serialised by Yasson and checked against its schema, and for fully populated values the members
 * written must be exactly the schema's properties.
 */
class SchemaMatchesYassonTest {

    private static final Jsonb JSONB = MizanJsonb.create();
    private static final Todo FULL_TODO = new Todo(9007199254740993L, "Buy milk", true, Priority.HIGH,
            Optional.of(LocalDate.of(2024, 2, 29)), Set.of("home"), new BigDecimal("1E+2"),
            UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), Instant.parse("2024-01-02T03:04:05Z"));
    private static final Todo SPARSE_TODO = new Todo(1, "x", false, null, Optional.empty(), null, null, null, null);

    @SuppressWarnings("unused")
    interface Signatures {
        Page<Todo> page();

        Map<String, Todo> byId();

        List<Optional<String>> optionals();
    }

    private final TypeSchemas schemas = new TypeSchemas();

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    private static Type type(String method) throws NoSuchMethodException {
        return Signatures.class.getMethod(method).getGenericReturnType();
    }

    @Test
    void recordsMatchWhenFullAndWhenSparse() {
        assertMatchesAndCovers(FULL_TODO, Todo.class);
        assertMatches(SPARSE_TODO, Todo.class);
        assertThat(JSONB.toJson(SPARSE_TODO)).isEqualTo("{\"done\":false,\"id\":1,\"title\":\"x\"}");
    }

    @Test
    void beansMatchIncludingInheritedProperties() {
        Person person = new Person("bob", "Robert", 42, "bob@example.com", Map.of("math", List.of(1, 2)));
        assertMatchesAndCovers(person, Person.class);
        Person sparse = new Person(null, null, 0, "e@example.com", null);
        assertMatches(sparse, Person.class);
        assertThat(JSONB.toJson(sparse)).isEqualTo("{\"adult\":false,\"age\":0,\"email\":\"e@example.com\"}");
        Employee employee = new Employee("Ann", 30, "ann@example.com", "B-7");
        employee.nickname = "annie";
        assertMatchesAndCovers(employee, Employee.class);
    }

    @Test
    void genericsAndContainersMatch() throws Exception {
        assertMatchesAndCovers(new Page<>(List.of(FULL_TODO, SPARSE_TODO), 2, "c1"), type("page"));
        assertMatchesAndCovers(new TodoBox(FULL_TODO), TodoBox.class);
        assertMatches(Map.of("a", FULL_TODO), type("byId"));
        assertMatches(Arrays.asList(Optional.of("a"), Optional.empty()), type("optionals"));
    }

    @Test
    void recursiveTypesMatch() {
        Category root = new Category("root", List.of(), null);
        Category child = new Category("child", List.of(), root);
        assertMatchesAndCovers(new Category("mid", List.of(child), root), Category.class);
    }

    @Test
    void annotationsMatch() {
        assertMatches(new Nillable(null, "s"), Nillable.class);
        assertThat(JSONB.toJson(new Nillable(null, "s"))).isEqualTo("{\"maybe\":null,\"surely\":\"s\"}");
        Formatted formatted = new Formatted(3.5, LocalDate.of(2024, 5, 1), Instant.ofEpochMilli(1000));
        assertMatchesAndCovers(formatted, Formatted.class);
        assertThat(JSONB.toJson(formatted)).isEqualTo("{\"amount\":\"3.50\",\"day\":\"01.05.2024\",\"stamp\":1000}");
        assertMatchesAndCovers(new Invoice(new Money(new BigDecimal("12.50"), "EUR"), 2), Invoice.class);
        assertMatchesAndCovers(new Odd("hi"), Odd.class);
        assertMatchesAndCovers(new Uses(new dev.mizan.cdi.internal.schema.a.Item("l"),
                new dev.mizan.cdi.internal.schema.b.Item(3)), Uses.class);
    }

    @Test
    void theCheckerRejectsWhatTheSchemaForbids() {
        JsonObject schema = schemas.schemaOf(Todo.class);
        assertThat(SchemaCheck.violations("{\"done\":false,\"id\":1}", schema, schemas.types()))
                .containsExactly("$: expected required member \"title\"");
        assertThat(SchemaCheck.violations("{\"done\":false,\"id\":1,\"title\":\"t\",\"cost\":1.5,\"extra\":1}",
                schema, schemas.types()))
                .containsExactly("$.cost: expected string, got 1.5", "$: unexpected member extra");
    }

    private void assertMatches(Object value, Type type) {
        JsonObject schema = schemas.schemaOf(type);
        String json = JSONB.toJson(value, type);
        assertThat(SchemaCheck.violations(json, schema, schemas.types())).as(json).isEmpty();
    }

    // a fully populated value writes every property the schema lists, and no other
    private void assertMatchesAndCovers(Object value, Type type) {
        assertMatches(value, type);
        JsonObject schema = schemas.schemaOf(type);
        String name = schema.getString("$ref").substring("#/types/".length());
        JsonObject written = parse(JSONB.toJson(value, type));
        assertThat(written.keySet()).as(JSONB.toJson(value, type))
                .isEqualTo(schemas.types().getJsonObject(name).getJsonObject("properties").keySet());
    }
}
