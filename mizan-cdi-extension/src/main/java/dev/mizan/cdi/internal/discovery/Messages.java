package dev.mizan.cdi.internal.discovery;

import jakarta.enterprise.inject.spi.DefinitionException;

/**
 * Every definition error Mizan reports, one method each, numbered (range MZCDI00001–00099, see
 * message-ranges.txt). Each names the method ({@code Class#method}) so a user sees where to look.
 * Never reuse a retired number.
 */
public final class Messages {

    private static final String PREFIX = "MZCDI";

    private Messages() {
    }

    private static DefinitionException error(int id, String where, String text) {
        return new DefinitionException(String.format("%s%05d: %s: %s", PREFIX, id, where, text));
    }

    public static DefinitionException malformedName(String where, String name) {
        return error(1, where, "name '" + name + "' is malformed; names match [A-Za-z][A-Za-z0-9_]*");
    }

    public static DefinitionException duplicateName(String where, String name, String other) {
        return error(2, where, "name '" + name + "' is already used by " + other
                + "; context and function names are unique");
    }

    public static DefinitionException unknownContext(String where, String name, String suggestion) {
        return error(3, where, "@Invalidates names unknown context '" + name + "'"
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"));
    }

    public static DefinitionException invalidatesParamMissing(String where, String context, String param) {
        return error(4, where, "@Invalidates(\"" + context + "\") lists param '" + param
                + "', which context '" + context + "' does not declare");
    }

    public static DefinitionException invalidatesParamNoArgument(String where, String context, String param) {
        return error(5, where, "@Invalidates(\"" + context + "\") lists param '" + param
                + "', but this method has no parameter of that name");
    }

    public static DefinitionException invalidatesParamTwice(String where, String context, String param) {
        return error(24, where, "@Invalidates(\"" + context + "\") lists param '" + param + "' twice");
    }

    public static DefinitionException invalidatesParamType(String where, String context, String param,
                                                           String expected, String actual) {
        return error(6, where, "@Invalidates(\"" + context + "\") param '" + param + "' has type " + actual
                + " here but " + expected + " in the context");
    }

    public static DefinitionException unsupportedParamType(String where, String param, String reason) {
        return error(7, where, "parameter '" + param + "' has an unsupported type: " + reason);
    }

    public static DefinitionException unsupportedReturnType(String where, String reason) {
        return error(8, where, "unsupported return type: " + reason);
    }

    public static DefinitionException unknownParamName(String where, int index) {
        return error(9, where, "parameter #" + index + " has no name; annotate it with @Param or compile with -parameters");
    }

    public static DefinitionException voidContext(String where) {
        return error(10, where, "a @MizanContext must return a value, not void");
    }

    public static DefinitionException userWithEdgeMaxAge(String where) {
        return error(11, where, "a Scope.USER context must not set edgeMaxAge (user data is never edge-cached)");
    }

    public static DefinitionException publicWithRoles(String where) {
        return error(12, where, "a Scope.PUBLIC context must not carry @RolesAllowed (use Scope.USER, or @PermitAll)");
    }

    public static DefinitionException invalidatesNotInterceptable(String where, String modifier) {
        return error(13, where, "@Invalidates on a " + modifier + " method cannot work: the method is not intercepted");
    }

    public static DefinitionException malformedDuration(String where, String member, String value) {
        return error(14, where, member + " = '" + value + "' is not an ISO-8601 duration (e.g. PT30S)");
    }

    public static DefinitionException bothContextAndFunction(String where) {
        return error(15, where, "a method is either a @MizanContext or a @MizanFunction, not both");
    }

    public static DefinitionException notInvocable(String where, String modifier) {
        return error(16, where, "a Mizan method must not be " + modifier);
    }

    public static DefinitionException overriddenWithoutAnnotations(String where, String override) {
        return error(22, where, "is overridden by " + override + ", which is what runs; an overridden method's"
                + " annotations do not carry over, so repeat its Mizan and role annotations on the override");
    }

    public static DefinitionException constraintsRefused(String className, String reason) {
        return error(23, className, "Bean Validation refuses the constraints of this class's operations: " + reason);
    }

    public static DefinitionException sessionInitWithoutFunction(String where) {
        return error(17, where, "@SessionInit only applies to a @MizanFunction");
    }

    public static DefinitionException duplicateParamName(String where, String param) {
        return error(18, where, "two parameters are named '" + param + "'");
    }

    public static DefinitionException malformedParamName(String where, String param) {
        return error(19, where, "parameter name '" + param + "' is malformed; names match [A-Za-z][A-Za-z0-9_]*");
    }

    // 20 (a reserved parameter name) is retired: the reserved names fail the name pattern (19) first

    public static DefinitionException negativeDuration(String where, String member, String value) {
        return error(21, where, member + " = '" + value + "' must not be negative");
    }
}
