package dev.mizan.cdi.internal.schema;

import dev.mizan.cdi.internal.schema.BeanProperties.BeanProperty;
import static dev.mizan.cdi.internal.json.JsonProviders.JSON;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbDateFormat;
import jakarta.json.bind.annotation.JsonbNumberFormat;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Maps Java generic types to JSON Schema (docs/reference/schema.md) following what {@link dev.mizan.cdi.internal.json.MizanJsonb}
 * writes, and collects the named types (records, beans, enums) that schemas reference with
 * {@code {"$ref":"#/types/Name"}}. One instance per schema document; not thread-safe.
 *
 * <p>Scalars: {@code String} string; {@code char} one-character string; {@code boolean} boolean;
 * {@code byte}/{@code short}/{@code int} integer (int32); {@code long} integer (int64); {@code float}/
 * {@code double} number; {@code BigDecimal}/{@code BigInteger} string (format decimal/integer);
 * {@code UUID} string (uuid); {@code URI}/{@code URL} string (uri); {@code LocalDate} date;
 * {@code LocalDateTime}/{@code Instant}/{@code OffsetDateTime} date-time; {@code ZonedDateTime} zoned-date-time
 * (Yasson writes the region in brackets after the offset, which is not RFC 3339);
 * {@code LocalTime}/{@code OffsetTime} time; {@code Duration}/{@code Period} duration; {@code ZoneId} string.
 * Containers: arrays and collections are arrays ({@code Set}: {@code uniqueItems}); {@code Map<String,V>}
 * is an object with {@code additionalProperties}; {@code Optional<T>} is {@code T}, nullable.
 *
 * <p>Null: JSON-B leaves null properties out, so a property that may be null is simply not
 * {@code required}; a value JSON-B writes as {@code null} (an empty {@code Optional} in an array, a
 * {@code @JsonbNillable} property, a nullable result) is {@code {"anyOf":[T,{"type":"null"}]}}.
 * Primitives, {@code @NotNull}/{@code @NotBlank}/{@code @NotEmpty} and annotations named
 * {@code Nonnull}/{@code NonNull} make a property required; an annotation named {@code Nullable} wins.
 * Array items and map values are taken as non-null unless they are {@code Optional}.
 */
public final class TypeSchemas {

    private static final JsonObject NULL = JSON.createObjectBuilder().add("type", "null").build();
    private static final Map<Class<?>, JsonObject> SCALARS = scalars();
    private static final Set<Class<?>> OPTIONALS = Set.of(Optional.class, OptionalInt.class, OptionalLong.class,
            OptionalDouble.class);
    private static final String JSON_VALUE_REASON = "JSON-P values have no fixed shape; declare a record or class";
    private static final Set<String> TEMPORAL_FORMATS = Set.of("date", "date-time", "time");

    private final TypeNames names = new TypeNames();
    private final Map<String, JsonObject> types = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    /**
     * @param type a Java generic type, as declared (a param's or a property's type)
     * @return the JSON Schema of a present (non-null) value of that type; {@code Optional<T>} gives
     *         {@code T}'s schema, since absence is expressed by the param or property not being required
     * @throws UnmappableTypeException when the type has no JSON mapping
     */
    public JsonObject schemaOf(Type type) {
        return valueSchema(type);
    }

    /**
     * The schema of a value that is written even when null, such as a method's result.
     *
     * @param type               the declared type
     * @param nullabilitySource  the method, parameter or field carrying nullness annotations (may be null)
     * @return {@link #schemaOf(Type)}, wrapped as {@code {"anyOf":[T,{"type":"null"}]}} when the value may be
     *         null: an {@code Optional}, or annotated {@code @Nullable}. Any other reference type is taken
     *         at its word: a method that declares {@code Todo} is assumed to return one.
     * @throws UnmappableTypeException when the type has no JSON mapping
     */
    public JsonObject schemaOf(Type type, AnnotatedElement nullabilitySource) {
        JsonObject value = valueSchema(type);
        if (type instanceof Class<?> c && c.isPrimitive()) {
            return value;
        }
        boolean nullable = isOptional(type)
                || (nullabilitySource != null && Nullability.of(nullabilitySource) == Nullability.Verdict.NULLABLE);
        return nullable ? nullable(value) : value;
    }

    /**
     * @param type a declared type ({@code Optional<T>} counts as {@code T})
     * @return whether its schema type is exactly {@code string} (after following a {@code $ref}): a query
     *         value of such a param is taken raw rather than parsed as JSON text (docs/reference/protocol.md)
     * @throws UnmappableTypeException when the type has no JSON mapping
     */
    public boolean isStringType(Type type) {
        JsonObject schema = valueSchema(type);
        if (schema.containsKey("$ref")) {
            schema = types.get(refName(schema));
        }
        return schema != null && "string".equals(schema.getString("type", null));
    }

    /** @return the named types mapped so far, sorted by name */
    public JsonObject types() {
        JsonObjectBuilder builder = JSON.createObjectBuilder();
        new TreeMap<>(types).forEach(builder::add);
        return builder.build();
    }

    private JsonObject valueSchema(Type type) {
        if (type instanceof TypeVariable<?> v) {
            throw new UnmappableTypeException(type, "type variable " + v.getName() + " is not bound to a type here");
        }
        if (type instanceof WildcardType) {
            throw new UnmappableTypeException(type, "wildcards have no fixed shape; name the element type");
        }
        if (type instanceof GenericArrayType a) {
            return array(a.getGenericComponentType(), false);
        }
        if (type instanceof ParameterizedType p) {
            return parameterized(p);
        }
        return classSchema((Class<?>) type);
    }

    private JsonObject classSchema(Class<?> type) {
        if (JsonValue.class.isAssignableFrom(type)) {
            // before the collection checks: JsonObject is a Map and JsonArray a List
            throw new UnmappableTypeException(type, JSON_VALUE_REASON);
        }
        JsonObject scalar = scalar(type);
        if (scalar != null) {
            return scalar;
        }
        if (type.isArray()) {
            return array(type.getComponentType(), false);
        }
        if (type.getTypeParameters().length > 0) {
            throw new UnmappableTypeException(type, "it is a raw type; give its type arguments");
        }
        if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            return container(type);
        }
        return named(type);
    }

    private JsonObject parameterized(ParameterizedType type) {
        for (Type argument : type.getActualTypeArguments()) {
            if (!GenericTypes.isFullyResolved(argument)) {
                throw new UnmappableTypeException(type, "type argument " + argument.getTypeName()
                        + " is a wildcard or an unbound type variable; name the type");
            }
        }
        Class<?> raw = (Class<?>) type.getRawType();
        if (raw == Optional.class) {
            return valueSchema(type.getActualTypeArguments()[0]);
        }
        if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
            return container(type);
        }
        return named(type);
    }

    private JsonObject container(Type type) {
        Class<?> raw = GenericTypes.rawClass(type);
        Map<TypeVariable<?>, Type> bindings = GenericTypes.bindings(type);
        if (Map.class.isAssignableFrom(raw)) {
            Type key = bindings.get(Map.class.getTypeParameters()[0]);
            Type value = bindings.get(Map.class.getTypeParameters()[1]);
            requireResolved(type, key);
            requireResolved(type, value);
            if (key != String.class) {
                throw new UnmappableTypeException(type, "map keys must be String (JSON object member names), not "
                        + key.getTypeName());
            }
            return JSON.createObjectBuilder().add("type", "object")
                    .add("additionalProperties", elementSchema(value)).build();
        }
        Type element = bindings.get(Collection.class.getTypeParameters()[0]);
        requireResolved(type, element);
        return array(element, Set.class.isAssignableFrom(raw));
    }

    private static void requireResolved(Type container, Type argument) {
        if (argument == null || !GenericTypes.isFullyResolved(argument)) {
            throw new UnmappableTypeException(container, "its element type is not known (a raw type, a wildcard or "
                    + "an unbound type variable)");
        }
    }

    private JsonObject array(Type element, boolean unique) {
        JsonObjectBuilder builder = JSON.createObjectBuilder().add("type", "array").add("items", elementSchema(element));
        if (unique) {
            builder.add("uniqueItems", true);
        }
        return builder.build();
    }

    // JSON-B writes null elements and map values, so an Optional there is a nullable value
    private JsonObject elementSchema(Type type) {
        JsonObject value = valueSchema(type);
        return isOptional(type) ? nullable(value) : value;
    }

    private JsonObject named(Type type) {
        Class<?> raw = GenericTypes.rawClass(type);
        rejectUnmappable(type, raw);
        JsonbTypeAdapter adapter = raw.getAnnotation(JsonbTypeAdapter.class);
        if (adapter != null) {
            return valueSchema(adaptedType(adapter, type));
        }
        if (raw.isAnnotationPresent(JsonbTypeSerializer.class)) {
            throw new UnmappableTypeException(type, "a @JsonbTypeSerializer writes it, and a custom serializer's "
                    + "output has no schema; use a @JsonbTypeAdapter to a mappable type");
        }
        String name = names.nameOf(type);
        if (!types.containsKey(name) && inProgress.add(name)) {
            try {
                types.put(name, raw.isEnum() ? enumSchema(raw) : objectSchema(type));
            } finally {
                inProgress.remove(name);
            }
        }
        return JSON.createObjectBuilder().add("$ref", "#/types/" + name).build();
    }

    private static void rejectUnmappable(Type type, Class<?> raw) {
        if (raw == Object.class) {
            throw new UnmappableTypeException(type, "Object has no fixed shape; declare a concrete type");
        }
        if (JsonValue.class.isAssignableFrom(raw)) {
            throw new UnmappableTypeException(type, JSON_VALUE_REASON);
        }
        if (raw == void.class || raw == Void.class) {
            throw new UnmappableTypeException(type, "void has no value");
        }
        if (Date.class.isAssignableFrom(raw) || Calendar.class.isAssignableFrom(raw)) {
            throw new UnmappableTypeException(type, "legacy date types are not supported; use java.time");
        }
        if (raw.isEnum()) {
            return;
        }
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            throw new UnmappableTypeException(type, "interfaces and abstract classes have no fixed set of properties "
                    + "(JSON-B writes whatever the runtime class has); declare a concrete record or class");
        }
        if (!isNamed(raw)) {
            throw new UnmappableTypeException(type, "no JSON mapping is defined for this platform type");
        }
    }

    /** @return whether a class maps to a named type: an enum, or a class outside the Java platform */
    static boolean isNamed(Class<?> type) {
        if (type.isEnum()) {
            return true;
        }
        String name = type.getName();
        return !(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jakarta.")
                || name.startsWith("jdk.") || name.startsWith("sun.") || type.isPrimitive() || type.isArray());
    }

    private static JsonObject enumSchema(Class<?> type) {
        JsonArrayBuilder constants = JSON.createArrayBuilder();
        // JSON-B (Yasson) writes Enum.name(); @JsonbProperty on constants is not honoured, so neither here
        Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).forEach(constants::add);
        return JSON.createObjectBuilder().add("type", "string").add("enum", constants).build();
    }

    private JsonObject objectSchema(Type type) {
        Map<String, JsonObject> properties = new TreeMap<>();
        Set<String> required = new TreeSet<>();
        for (BeanProperty property : BeanProperties.of(type)) {
            try {
                PropertySchema schema = propertySchema(property);
                properties.put(property.name(), schema.schema());
                if (schema.required()) {
                    required.add(property.name());
                }
            } catch (UnmappableTypeException e) {
                throw new UnmappableTypeException(type, "property '" + property.name() + "'", e);
            }
        }
        JsonObjectBuilder props = JSON.createObjectBuilder();
        properties.forEach(props::add);
        return JSON.createObjectBuilder().add("type", "object").add("properties", props)
                .add("required", JSON.createArrayBuilder(required)).add("additionalProperties", false).build();
    }

    private record PropertySchema(JsonObject schema, boolean required) {
    }

    private PropertySchema propertySchema(BeanProperty property) {
        Type type = property.type();
        // a primitive is never null, so always written
        boolean primitive = type instanceof Class<?> c && c.isPrimitive();
        if (property.annotation(JsonbTypeSerializer.class).isPresent()) {
            throw new UnmappableTypeException(type, "a @JsonbTypeSerializer writes it, and a custom serializer's "
                    + "output has no schema; use a @JsonbTypeAdapter to a mappable type");
        }
        Optional<JsonbTypeAdapter> adapter = property.annotation(JsonbTypeAdapter.class);
        if (adapter.isPresent()) {
            type = adaptedType(adapter.get(), type);
        }
        JsonObject value = formatted(property, valueSchema(type));
        Nullability.Verdict verdict = Nullability.of(property.sources().toArray(AnnotatedElement[]::new));
        boolean nonNull = primitive || (!isOptional(type) && verdict == Nullability.Verdict.NON_NULL);
        if (property.nillable()) {
            // written even when null: always present, maybe null
            return new PropertySchema(nonNull ? value : nullable(value), true);
        }
        return new PropertySchema(value, nonNull);
    }

    // @JsonbNumberFormat turns numbers into formatted strings; @JsonbDateFormat changes the text or, for
    // time-in-millis, makes it a number
    private static JsonObject formatted(BeanProperty property, JsonObject value) {
        String type = value.getString("type", "");
        if (property.annotation(JsonbNumberFormat.class).isPresent() && (type.equals("number") || type.equals("integer"))) {
            return JSON.createObjectBuilder().add("type", "string").build();
        }
        Optional<JsonbDateFormat> date = property.annotation(JsonbDateFormat.class);
        if (date.isPresent() && TEMPORAL_FORMATS.contains(value.getString("format", ""))) {
            String pattern = date.get().value();
            if (pattern.equals(JsonbDateFormat.TIME_IN_MILLIS)) {
                return JSON.createObjectBuilder().add("type", "integer").add("format", "int64").build();
            }
            if (!pattern.equals(JsonbDateFormat.DEFAULT_FORMAT)) {
                return JSON.createObjectBuilder().add("type", "string").build();
            }
        }
        return value;
    }

    // JsonbAdapter<Original, Adapted>: JSON-B writes the Adapted type
    private static Type adaptedType(JsonbTypeAdapter adapter, Type adaptedFrom) {
        Type adapted = GenericTypes.bindings(adapter.value()).get(JsonbAdapter.class.getTypeParameters()[1]);
        if (adapted == null || !GenericTypes.isFullyResolved(adapted)) {
            throw new UnmappableTypeException(adaptedFrom, "its @JsonbTypeAdapter " + adapter.value().getName()
                    + " does not name the JSON-side type in its JsonbAdapter<Original, Adapted> declaration");
        }
        return adapted;
    }

    private static boolean isOptional(Type type) {
        Class<?> raw = GenericTypes.rawClass(type);
        return raw != null && OPTIONALS.contains(raw);
    }

    private static JsonObject nullable(JsonObject value) {
        return JSON.createObjectBuilder().add("anyOf", JSON.createArrayBuilder().add(value).add(NULL)).build();
    }

    private static String refName(JsonObject ref) {
        return ref.getString("$ref").substring("#/types/".length());
    }

    private static JsonObject scalar(Class<?> type) {
        JsonObject schema = SCALARS.get(type);
        if (schema == null && ZoneId.class.isAssignableFrom(type)) {
            schema = SCALARS.get(ZoneId.class); // ZoneOffset and the JDK's ZoneRegion
        }
        return schema;
    }

    private static Map<Class<?>, JsonObject> scalars() {
        Map<Class<?>, JsonObject> scalars = new HashMap<>();
        JsonObject string = type("string", null);
        JsonObject int32 = type("integer", "int32");
        JsonObject int64 = type("integer", "int64");
        JsonObject number = type("number", null);
        JsonObject bool = type("boolean", null);
        scalars.put(String.class, string);
        JsonObject character = JSON.createObjectBuilder().add("type", "string").add("minLength", 1).add("maxLength", 1).build();
        scalars.put(char.class, character);
        scalars.put(Character.class, character);
        scalars.put(boolean.class, bool);
        scalars.put(Boolean.class, bool);
        for (Class<?> c : new Class<?>[] {byte.class, Byte.class, short.class, Short.class, int.class, Integer.class}) {
            scalars.put(c, int32);
        }
        scalars.put(long.class, int64);
        scalars.put(Long.class, int64);
        for (Class<?> c : new Class<?>[] {float.class, Float.class, double.class, Double.class}) {
            scalars.put(c, number);
        }
        scalars.put(OptionalInt.class, int32);
        scalars.put(OptionalLong.class, int64);
        scalars.put(OptionalDouble.class, number);
        scalars.put(BigDecimal.class, type("string", "decimal"));
        scalars.put(BigInteger.class, type("string", "integer"));
        scalars.put(java.util.UUID.class, type("string", "uuid"));
        scalars.put(URI.class, type("string", "uri"));
        scalars.put(URL.class, type("string", "uri"));
        scalars.put(LocalDate.class, type("string", "date"));
        for (Class<?> c : new Class<?>[] {LocalDateTime.class, Instant.class, OffsetDateTime.class}) {
            scalars.put(c, type("string", "date-time"));
        }
        // Yasson appends the region ("…+01:00[Europe/Paris]"), which RFC 3339 date-time parsers refuse
        scalars.put(ZonedDateTime.class, type("string", "zoned-date-time"));
        scalars.put(LocalTime.class, type("string", "time"));
        scalars.put(OffsetTime.class, type("string", "time"));
        scalars.put(Duration.class, type("string", "duration"));
        scalars.put(Period.class, type("string", "duration"));
        scalars.put(ZoneId.class, string);
        return Map.copyOf(scalars);
    }

    private static JsonObject type(String type, String format) {
        JsonObjectBuilder builder = JSON.createObjectBuilder().add("type", type);
        if (format != null) {
            builder.add("format", format);
        }
        return builder.build();
    }
}
