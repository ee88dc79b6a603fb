package dev.mizan.cdi.internal.schema;

import static dev.mizan.cdi.internal.schema.SchemaCheck.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.cdi.internal.schema.Fixtures.Category;
import dev.mizan.cdi.internal.schema.Fixtures.Employee;
import dev.mizan.cdi.internal.schema.Fixtures.Formatted;
import dev.mizan.cdi.internal.schema.Fixtures.Invoice;
import dev.mizan.cdi.internal.schema.Fixtures.Money;
import dev.mizan.cdi.internal.schema.Fixtures.Nillable;
import dev.mizan.cdi.internal.schema.Fixtures.Nullable;
import dev.mizan.cdi.internal.schema.Fixtures.Odd;
import dev.mizan.cdi.internal.schema.Fixtures.Page;
import dev.mizan.cdi.internal.schema.Fixtures.Person;
import dev.mizan.cdi.internal.schema.Fixtures.Priority;
import dev.mizan.cdi.internal.schema.Fixtures.Todo;
import dev.mizan.cdi.internal.schema.Fixtures.TodoBox;
import dev.mizan.cdi.internal.schema.Fixtures.Uses;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Expected schemas are written by hand from docs/reference/schema.md and the mapping rules, never produced by the code. */
class TypeSchemasTest {

    private static final String TODO = """
            {"type":"object","properties":{
              "cost":{"type":"string","format":"decimal"},
              "createdAt":{"type":"string","format":"date-time"},
              "done":{"type":"boolean"},
              "due":{"type":"string","format":"date"},
              "id":{"type":"integer","format":"int64"},
              "priority":{"$ref":"#/types/Priority"},
              "tags":{"type":"array","items":{"type":"string"},"uniqueItems":true},
              "title":{"type":"string"},
              "uuid":{"type":"string","format":"uuid"}},
             "required":["done","id","title"],"additionalProperties":false}""";
    private static final String PRIORITY = """
            {"type":"string","enum":["LOW","HIGH"]}""";

    /** Declared types to map, read from method signatures. */
    @SuppressWarnings({"rawtypes", "unused"})
    interface Signatures {
        List<Todo> todos();

        Set<Todo> todoSet();

        Collection<String> strings();

        Todo[] todoArray();

        int[] ints();

        Map<String, Todo> byId();

        Optional<Todo> maybeTodo();

        @Nullable
        Todo nullableTodo();

        Page<Todo> page();

        Page<List<Todo>> pageOfLists();

        Page<Map<String, Long>> pageOfMaps();

        Page<Todo[]> pageOfArrays();

        Page<Long> pageOfLongs();

        List<Optional<String>> optionalElements();

        Map<Long, String> longKeys();

        List<?> wildcard();

        List raw();

        Page rawPage();

        <T> T variable();

        Optional<String> optionalString();

        JsonObject jsonObject();
    }

    private final TypeSchemas schemas = new TypeSchemas();

    private static Type type(String method) {
        try {
            return Signatures.class.getMethod(method).getGenericReturnType();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static Method method(String name) throws NoSuchMethodException {
        return Signatures.class.getMethod(name);
    }

    @Test
    void mapsScalars() {
        assertThat(schemas.schemaOf(String.class)).isEqualTo(parse("{\"type\":\"string\"}"));
        assertThat(schemas.schemaOf(char.class)).isEqualTo(parse("{\"type\":\"string\",\"minLength\":1,\"maxLength\":1}"));
        assertThat(schemas.schemaOf(boolean.class)).isEqualTo(parse("{\"type\":\"boolean\"}"));
        assertThat(schemas.schemaOf(Boolean.class)).isEqualTo(parse("{\"type\":\"boolean\"}"));
        for (Class<?> int32 : List.of(int.class, Integer.class, short.class, Short.class, byte.class, Byte.class)) {
            assertThat(schemas.schemaOf(int32)).as(int32.getName()).isEqualTo(parse("{\"type\":\"integer\",\"format\":\"int32\"}"));
        }
        assertThat(schemas.schemaOf(long.class)).isEqualTo(parse("{\"type\":\"integer\",\"format\":\"int64\"}"));
        assertThat(schemas.schemaOf(Long.class)).isEqualTo(parse("{\"type\":\"integer\",\"format\":\"int64\"}"));
        assertThat(schemas.schemaOf(double.class)).isEqualTo(parse("{\"type\":\"number\"}"));
        assertThat(schemas.schemaOf(Float.class)).isEqualTo(parse("{\"type\":\"number\"}"));
        assertThat(schemas.schemaOf(BigDecimal.class)).isEqualTo(parse("{\"type\":\"string\",\"format\":\"decimal\"}"));
        assertThat(schemas.schemaOf(BigInteger.class)).isEqualTo(parse("{\"type\":\"string\",\"format\":\"integer\"}"));
        assertThat(schemas.schemaOf(UUID.class)).isEqualTo(parse("{\"type\":\"string\",\"format\":\"uuid\"}"));
        assertThat(schemas.schemaOf(LocalDate.class)).isEqualTo(parse("{\"type\":\"string\",\"format\":\"date\"}"));
        for (Class<?> dateTime : List.of(LocalDateTime.class, Instant.class, OffsetDateTime.class)) {
            assertThat(schemas.schemaOf(dateTime)).isEqualTo(parse("{\"type\":\"string\",\"format\":\"date-time\"}"));
        }
        assertThat(schemas.schemaOf(ZonedDateTime.class)).isEqualTo(parse("{\"type\":\"string\",\"format\":\"zoned-date-time\"}"));
        assertThat(schemas.schemaOf(LocalTime.class)).isEqualTo(parse("{\"type\":\"string\",\"format\":\"time\"}"));
        assertThat(schemas.schemaOf(Duration.class)).isEqualTo(parse("{\"type\":\"string\",\"format\":\"duration\"}"));
        assertThat(schemas.types()).isEqualTo(JsonValue.EMPTY_JSON_OBJECT);
    }

    @Test
    void mapsContainers() {
        assertThat(schemas.schemaOf(type("todos"))).isEqualTo(parse("{\"type\":\"array\",\"items\":{\"$ref\":\"#/types/Todo\"}}"));
        assertThat(schemas.schemaOf(type("todoSet")))
                .isEqualTo(parse("{\"type\":\"array\",\"items\":{\"$ref\":\"#/types/Todo\"},\"uniqueItems\":true}"));
        assertThat(schemas.schemaOf(type("strings"))).isEqualTo(parse("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"));
        assertThat(schemas.schemaOf(type("todoArray"))).isEqualTo(parse("{\"type\":\"array\",\"items\":{\"$ref\":\"#/types/Todo\"}}"));
        assertThat(schemas.schemaOf(type("ints")))
                .isEqualTo(parse("{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"format\":\"int32\"}}"));
        assertThat(schemas.schemaOf(type("byId")))
                .isEqualTo(parse("{\"type\":\"object\",\"additionalProperties\":{\"$ref\":\"#/types/Todo\"}}"));
        assertThat(schemas.schemaOf(type("optionalElements"))).isEqualTo(parse(
                "{\"type\":\"array\",\"items\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}}"));
        assertThat(schemas.types()).isEqualTo(parse("{\"Priority\":" + PRIORITY + ",\"Todo\":" + TODO + "}"));
    }

    @Test
    void mapsRecordsWithRequiredKeptApartFromNullable() {
        assertThat(schemas.schemaOf(Todo.class)).isEqualTo(parse("{\"$ref\":\"#/types/Todo\"}"));
        assertThat(schemas.types().getJsonObject("Todo")).isEqualTo(parse(TODO));
        assertThat(schemas.types().getJsonObject("Priority")).isEqualTo(parse(PRIORITY));
    }

    @Test
    void optionalIsTheValueAndNullableOnlyWhereNullIsWritten() throws Exception {
        assertThat(schemas.schemaOf(type("optionalString"))).isEqualTo(parse("{\"type\":\"string\"}"));
        assertThat(schemas.schemaOf(type("maybeTodo"), method("maybeTodo")))
                .isEqualTo(parse("{\"anyOf\":[{\"$ref\":\"#/types/Todo\"},{\"type\":\"null\"}]}"));
        assertThat(schemas.schemaOf(type("nullableTodo"), method("nullableTodo")))
                .isEqualTo(parse("{\"anyOf\":[{\"$ref\":\"#/types/Todo\"},{\"type\":\"null\"}]}"));
        assertThat(schemas.schemaOf(type("todos"), method("todos")))
                .isEqualTo(parse("{\"type\":\"array\",\"items\":{\"$ref\":\"#/types/Todo\"}}"));
        assertThat(schemas.schemaOf(long.class, method("nullableTodo")))
                .as("a primitive is never null").isEqualTo(parse("{\"type\":\"integer\",\"format\":\"int64\"}"));
    }

    @Test
    void mapsJavaBeansAsYassonSeesThem() {
        String person = """
                {"type":"object","properties":{
                  "adult":{"type":"boolean"},
                  "age":{"type":"integer","format":"int32"},
                  "email":{"type":"string"},
                  "first_name":{"type":"string"},
                  "nickname":{"type":"string"},
                  "scores":{"type":"object","additionalProperties":{"type":"array","items":{"type":"integer","format":"int32"}}}},
                 "required":["adult","age","email"],"additionalProperties":false}""";
        String employee = person.replace("\"adult\":{\"type\":\"boolean\"},",
                "\"adult\":{\"type\":\"boolean\"},\"badge\":{\"type\":\"string\"},");
        schemas.schemaOf(Person.class);
        schemas.schemaOf(Employee.class);
        assertThat(schemas.types()).isEqualTo(parse("{\"Person\":" + person + ",\"Employee\":" + employee + "}"));
    }

    @Test
    void namesGenericTypesByTheirArguments() {
        assertThat(schemas.schemaOf(type("page"))).isEqualTo(parse("{\"$ref\":\"#/types/Page_Todo\"}"));
        schemas.schemaOf(type("pageOfLists"));
        schemas.schemaOf(type("pageOfMaps"));
        schemas.schemaOf(type("pageOfArrays"));
        schemas.schemaOf(type("pageOfLongs"));
        JsonObject types = schemas.types();
        assertThat(types.keySet()).containsExactly("Page_Array_Todo", "Page_List_Todo", "Page_Long",
                "Page_Map_String_Long", "Page_Todo", "Priority", "Todo");
        assertThat(types.getJsonObject("Page_Todo")).isEqualTo(parse("""
                {"type":"object","properties":{
                  "cursor":{"type":"string"},
                  "items":{"type":"array","items":{"$ref":"#/types/Todo"}},
                  "total":{"type":"integer","format":"int32"}},
                 "required":["cursor","total"],"additionalProperties":false}"""));
        assertThat(types.getJsonObject("Page_Map_String_Long").getJsonObject("properties").getJsonObject("items"))
                .isEqualTo(parse("""
                        {"type":"array","items":{"type":"object","additionalProperties":{"type":"integer","format":"int64"}}}"""));
    }

    @Test
    void resolvesTypeVariablesBoundBySubclasses() {
        assertThat(schemas.schemaOf(TodoBox.class)).isEqualTo(parse("{\"$ref\":\"#/types/TodoBox\"}"));
        assertThat(schemas.types().getJsonObject("TodoBox")).isEqualTo(parse("""
                {"type":"object","properties":{"content":{"$ref":"#/types/Todo"}},"required":[],"additionalProperties":false}"""));
    }

    @Test
    void mapsRecursiveTypesThroughReferences() {
        assertThat(schemas.schemaOf(Category.class)).isEqualTo(parse("{\"$ref\":\"#/types/Category\"}"));
        assertThat(schemas.types()).isEqualTo(parse("""
                {"Category":{"type":"object","properties":{
                  "children":{"type":"array","items":{"$ref":"#/types/Category"}},
                  "name":{"type":"string"},
                  "parent":{"$ref":"#/types/Category"}},
                 "required":[],"additionalProperties":false}}"""));
    }

    @Test
    void disambiguatesClassesWithTheSameSimpleName() {
        schemas.schemaOf(Uses.class);
        assertThat(schemas.types()).isEqualTo(parse("""
                {"Item":{"type":"object","properties":{"label":{"type":"string"}},"required":[],"additionalProperties":false},
                 "b_Item":{"type":"object","properties":{"weight":{"type":"integer","format":"int64"}},"required":["weight"],
                           "additionalProperties":false},
                 "Uses":{"type":"object","properties":{"first":{"$ref":"#/types/Item"},"second":{"$ref":"#/types/b_Item"}},
                         "required":[],"additionalProperties":false}}"""));
    }

    @Test
    void nillablePropertiesArePresentAndMaybeNull() {
        schemas.schemaOf(Nillable.class);
        assertThat(schemas.types().getJsonObject("Nillable")).isEqualTo(parse("""
                {"type":"object","properties":{
                  "maybe":{"anyOf":[{"type":"string"},{"type":"null"}]},
                  "surely":{"type":"string"}},
                 "required":["maybe","surely"],"additionalProperties":false}"""));
    }

    @Test
    void followsAdaptersAndFormats() {
        schemas.schemaOf(Invoice.class);
        schemas.schemaOf(Formatted.class);
        assertThat(schemas.types()).isEqualTo(parse("""
                {"Invoice":{"type":"object","properties":{
                   "lines":{"type":"array","items":{"type":"string"}},
                   "total":{"type":"string"}},
                  "required":[],"additionalProperties":false},
                 "Formatted":{"type":"object","properties":{
                   "amount":{"type":"string"},
                   "day":{"type":"string"},
                   "stamp":{"type":"integer","format":"int64"}},
                  "required":["amount"],"additionalProperties":false}}"""));
    }

    @Test
    void keepsRecordMethodsUnderTheirOwnNamesAsYassonDoes() {
        schemas.schemaOf(Odd.class);
        assertThat(schemas.types().getJsonObject("Odd").getJsonObject("properties").keySet())
                .containsExactlyInAnyOrder("value", "getShout");
    }

    @Test
    void tellsStringTypedParams() {
        for (Type string : List.of(String.class, char.class, Character.class, Priority.class, UUID.class, LocalDate.class,
                Instant.class, Duration.class, BigDecimal.class, BigInteger.class, Money.class, type("optionalString"))) {
            assertThat(schemas.isStringType(string)).as(string.getTypeName()).isTrue();
        }
        for (Type other : List.of(long.class, Integer.class, boolean.class, double.class, Todo.class, type("todos"),
                type("byId"))) {
            assertThat(schemas.isStringType(other)).as(other.getTypeName()).isFalse();
        }
    }

    @Test
    void refusesTypesWithoutAFixedShape() {
        assertUnmappable(Object.class, "Type java.lang.Object cannot be mapped to JSON: Object has no fixed shape; "
                + "declare a concrete type");
        assertUnmappable(type("jsonObject"), "Type jakarta.json.JsonObject cannot be mapped to JSON: JSON-P values have "
                + "no fixed shape; declare a record or class");
        assertUnmappable(JsonValue.class, "Type jakarta.json.JsonValue cannot be mapped to JSON: JSON-P values");
        assertUnmappable(void.class, "Type void cannot be mapped to JSON: void has no value");
        assertUnmappable(type("longKeys"), "Type java.util.Map<java.lang.Long, java.lang.String> cannot be mapped to "
                + "JSON: map keys must be String (JSON object member names), not java.lang.Long");
        assertUnmappable(type("wildcard"), "Type java.util.List<?> cannot be mapped to JSON: type argument ? is a "
                + "wildcard or an unbound type variable; name the type");
        assertUnmappable(type("raw"), "Type java.util.List cannot be mapped to JSON: it is a raw type; give its type "
                + "arguments");
        assertUnmappable(type("rawPage"), "Type " + Page.class.getName() + " cannot be mapped to JSON: it is a raw type");
        assertUnmappable(type("variable"), "Type T cannot be mapped to JSON: type variable T is not bound to a type here");
        assertUnmappable(Number.class, "Type java.lang.Number cannot be mapped to JSON: interfaces and abstract classes "
                + "have no fixed set of properties");
        assertUnmappable(Runnable.class, "Type java.lang.Runnable cannot be mapped to JSON: interfaces and abstract "
                + "classes");
        assertUnmappable(java.util.Date.class, "Type java.util.Date cannot be mapped to JSON: legacy date types are not "
                + "supported; use java.time");
        assertUnmappable(Thread.class, "Type java.lang.Thread cannot be mapped to JSON: no JSON mapping is defined for "
                + "this platform type");
        assertUnmappable(Fixtures.Custom.class, "Type " + Fixtures.Custom.class.getName() + " cannot be mapped to JSON: "
                + "a @JsonbTypeSerializer writes it, and a custom serializer's output has no schema");
    }

    @Test
    void namesThePropertyThatCannotBeMapped() {
        assertUnmappable(Fixtures.WithObject.class, "Type java.lang.Object cannot be mapped to JSON: Object has no fixed "
                + "shape; declare a concrete type (in property 'anything' of " + Fixtures.WithObject.class.getName() + ")");
        assertUnmappable(Fixtures.WithAbstract.class, "Type java.lang.Number cannot be mapped to JSON: interfaces and "
                + "abstract classes");
        // a failed type leaves nothing half-built behind
        assertThat(schemas.types()).isEqualTo(JsonValue.EMPTY_JSON_OBJECT);
    }

    private void assertUnmappable(Type type, String messageStart) {
        assertThatThrownBy(() -> schemas.schemaOf(type)).isInstanceOf(UnmappableTypeException.class)
                .hasMessageStartingWith(messageStart);
    }
}
