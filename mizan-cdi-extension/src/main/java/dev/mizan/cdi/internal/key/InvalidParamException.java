package dev.mizan.cdi.internal.key;

/**
 * A param value that has no canonical form (docs/internals/key-derivation.md: NaN, an infinity, a lone surrogate): the
 * request is a {@code 400 invalid_params}, with the message under the param's name.
 */
public final class InvalidParamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String param;

    /**
     * @param param   the top-level param whose value is invalid
     * @param message what is wrong, fit to show the client
     */
    public InvalidParamException(String param, String message) {
        super(param + ": " + message);
        this.param = param;
    }

    /** The top-level param whose value is invalid. */
    public String param() {
        return param;
    }

    /** What is wrong, without the param name. */
    public String reason() {
        return getMessage().substring(param.length() + 2);
    }
}
