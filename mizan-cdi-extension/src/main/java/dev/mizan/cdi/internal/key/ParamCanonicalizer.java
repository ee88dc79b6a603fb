package dev.mizan.cdi.internal.key;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The canonical form of a context's params (docs/internals/key-derivation.md), the part of a cache key and stable key that the
 * client computes too, so it must be byte-exact:
 * <ul>
 * <li>a top-level param that is absent or JSON null is left out; inside values, object members whose
 *     value is null are left out at any depth; array elements, nulls included, stay;</li>
 * <li>an integer literal (written without fraction or exponent, decided from the literal as received,
 *     {@link dev.mizan.cdi.internal.json.LiteralNumber}; for a number built in Java, scale 0) stays an
 *     integer within ±(2^53 − 1), else becomes the string of its exact digits; other numbers
 *     ({@code 1.2345678901234568e16} included) become the nearest double, written as ECMAScript does;</li>
 * <li>a number beyond {@link dev.mizan.cdi.internal.json.NumberBounds} is refused before it is expanded;</li>
 * <li>a top-level param whose JSON Schema type is {@code "string"} but which arrived as a number becomes
 *     the string of the number in plain notation ({@code 12.50} → {@code "12.50"});</li>
 * <li>the result is RFC 8785 JSON.</li>
 * </ul>
 * Params work on {@code jakarta.json} values as received, never on re-serialised Java objects, so a
 * {@code BigDecimal} keeps its digits. Stateless and thread-safe.
 */
public final class ParamCanonicalizer {

    /**
     * @param params      the declared params as received (JSON object)
     * @param schemaTypes each param's JSON Schema type: string, integer, number, boolean, array or object
     * @return the RFC 8785 text of the params
     * @throws InvalidParamException for NaN, an infinity (a literal too large for a double) or a lone surrogate
     */
    public String canonical(JsonObject params, Map<String, String> schemaTypes) {
        return new PreparedJson().params(params.entrySet(), schemaTypes);
    }

    /**
     * The canonical form of the params named in {@code names} alone (the others are left out as if
     * absent), e.g. for the counter of a group of declared params.
     */
    public String canonicalSubset(JsonObject params, Collection<String> names, Map<String, String> schemaTypes) {
        Set<String> wanted = Set.copyOf(names);
        var subset = params.entrySet().stream()
                .filter(param -> wanted.contains(param.getKey()))
                .collect(Collectors.toList());
        return new PreparedJson().params(subset, schemaTypes);
    }

    /**
     * The canonical form of one value under the rules that apply inside params (no schema-type
     * conversion): e.g. {@code {"b":1,"a":null}} → {@code {"b":1}}.
     *
     * @param param the top-level param the value belongs to, named in an {@link InvalidParamException}
     */
    public String canonicalValue(String param, JsonValue value) {
        return new PreparedJson().value(param, value);
    }
}
