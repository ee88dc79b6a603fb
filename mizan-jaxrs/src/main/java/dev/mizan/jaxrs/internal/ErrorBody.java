package dev.mizan.jaxrs.internal;

import java.util.List;
import java.util.Map;

/** The error envelope: {@code {"error": {"code", "message", "fields"?, "id"?}}} (docs/reference/protocol.md). */
final class ErrorBody {

    private ErrorBody() {
    }

    /**
     * @param code    machine-readable code
     * @param message human-readable message (sent as is)
     * @param fields  per-field messages, omitted when empty
     * @param id      the id logged with a stack, or {@code null}
     * @return the JSON text
     */
    static String of(String code, String message, Map<String, List<String>> fields, String id) {
        return JsonText.generate(g -> {
            g.writeStartObject().writeStartObject("error").write("code", code);
            if (message != null) {
                g.write("message", message);
            }
            if (!fields.isEmpty()) {
                g.writeStartObject("fields");
                fields.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(field -> {
                    g.writeStartArray(field.getKey());
                    field.getValue().forEach(g::write);
                    g.writeEnd();
                });
                g.writeEnd();
            }
            if (id != null) {
                g.write("id", id);
            }
            g.writeEnd().writeEnd();
        });
    }
}
