package dev.mizan.cdi.internal.runtime;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.model.ParamModel;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
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
 * property path inside it, e.g. {@code todo.title}).
 */
final class ParameterValidation {

    private ParameterValidation() {
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
                    if (node.getName() != null) {
                        sb.append(sb.length() == 0 ? "" : ".").append(node.getName());
                    }
                }
            }
        }
        return sb.length() == 0 ? "_" : sb.toString();
    }
}
