package dev.mizan.cdi.internal.runtime;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.model.ParamModel;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.metadata.MethodDescriptor;
import jakarta.validation.metadata.ParameterDescriptor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Validates arguments with {@code Validator.forExecutables()} before the call (docs/reference/protocol.md): a
 * violation becomes {@code 400 invalid_params} with {@code fields} keyed by param name (with the
 * path inside it, e.g. {@code todo.title} or {@code tags[1]}).
 */
final class ParameterValidation {

    private ParameterValidation() {
    }

    /**
     * @return whether the validator has anything to check on {@code method}'s parameters. Bean Validation's
     *         {@code hasConstrainedParameters()} leaves out constraints on container elements
     *         ({@code List<@NotBlank String>}), which {@code validateParameters} does check.
     */
    static boolean constrains(Validator validator, Method method) {
        MethodDescriptor descriptor = validator.getConstraintsForClass(method.getDeclaringClass())
                .getConstraintsForMethod(method.getName(), method.getParameterTypes());
        if (descriptor == null) {
            return false;
        }
        if (descriptor.hasConstrainedParameters()) {
            return true;
        }
        for (ParameterDescriptor p : descriptor.getParameterDescriptors()) {
            if (!p.getConstrainedContainerElementTypes().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    static void validate(Validator validator, Object target, Method method, Object[] args, List<ParamModel> params) {
        Set<ConstraintViolation<Object>> violations = validator.forExecutables().validateParameters(target, method, args);
        if (violations.isEmpty()) {
            return;
        }
        Map<String, List<String>> fields = new TreeMap<>();
        for (ConstraintViolation<Object> v : violations) {
            fields.computeIfAbsent(field(v.getPropertyPath(), params), k -> new ArrayList<>()).add(v.getMessage());
        }
        throw new MizanException(400, "invalid_params", "Invalid parameters", fields);
    }

    private static String field(Path path, List<ParamModel> params) {
        StringBuilder sb = new StringBuilder();
        Iterator<Path.Node> it = path.iterator();
        while (it.hasNext()) {
            Path.Node node = it.next();
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR -> {
                }
                case PARAMETER -> {
                    int index = node.as(Path.ParameterNode.class).getParameterIndex();
                    sb.append(params.stream().filter(p -> p.index() == index).map(ParamModel::name).findFirst()
                            .orElse(node.getName()));
                }
                default -> {
                    // an element of a list, array or map: its index or key, as tags[1] or labels[en]
                    Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                    if (node.isInIterable() && at != null) {
                        sb.append('[').append(at).append(']');
                    }
                    // a container element's own name is <list element> and the like: the brackets say it
                    if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                        sb.append(sb.length() == 0 ? "" : ".").append(node.getName());
                    }
                }
            }
        }
        return sb.length() == 0 ? "_" : sb.toString();
    }
}
