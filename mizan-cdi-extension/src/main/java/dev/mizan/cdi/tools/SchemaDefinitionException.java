package dev.mizan.cdi.tools;

import java.util.List;

/** The classes have definition errors (docs/reference/annotations.md): the messages are those a deployment would fail with. */
public final class SchemaDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> messages;

    /** @param messages every definition error, in the order found */
    public SchemaDefinitionException(List<String> messages) {
        super(String.join("\n", messages));
        this.messages = List.copyOf(messages);
    }

    /** @return every definition error's message */
    public List<String> messages() {
        return messages;
    }
}
