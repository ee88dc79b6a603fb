package dev.mizan;

import java.util.List;
import java.util.Map;

import jakarta.ejb.ApplicationException;

/**
 * An error an application (or Mizan) reports to the client as
 * {@code {"error": {"code", "message", "fields"?, "id"?}}} with the given HTTP status. The message is
 * sent to the client as is: it must not contain secrets.
 *
 * <p>It is an EJB application exception: a session bean that throws it reaches the client unwrapped, the
 * container's transaction is rolled back, and the bean instance is kept, as an expected refusal should
 * leave a stateful bean (docs/reference/annotations.md, "Session beans"). Where no EJB container runs, the
 * annotation is ignored.
 *
 * @since 0.1
 */
@ApplicationException(rollback = true)
public class MizanException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Map<String, List<String>> fields;

    /**
     * @param status  HTTP status, 400 to 599
     * @param code    a short machine-readable code, e.g. {@code out_of_stock}
     * @param message a human-readable message sent to the client
     */
    public MizanException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    /**
     * @param status  HTTP status, 400 to 599
     * @param code    a short machine-readable code
     * @param message a human-readable message sent to the client
     * @param fields  per-field messages keyed by parameter name (as in {@code invalid_params})
     */
    public MizanException(int status, String code, String message, Map<String, List<String>> fields) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 400-599, was " + status);
        }
        this.status = status;
        this.code = code;
        this.fields = Map.copyOf(fields);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the machine-readable error code */
    public String code() {
        return code;
    }

    /** @return per-field messages, empty when none */
    public Map<String, List<String>> fields() {
        return fields;
    }

    /**
     * The reference this failure was logged under, sent to the client as the error's {@code id} so that
     * a support request can quote it (docs/reference/errors.md). Mizan's own {@code 500 internal} errors
     * carry one; an application's subclass that logs its failure may override this.
     *
     * @return the reference, or {@code null} (the default) for none
     * @since 0.1
     */
    public String id() {
        return null;
    }
}
