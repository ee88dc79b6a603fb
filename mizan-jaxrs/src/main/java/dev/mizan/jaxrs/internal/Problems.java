package dev.mizan.jaxrs.internal;

import dev.mizan.MizanException;

/**
 * The protocol errors the HTTP layer raises itself (docs/reference/protocol.md), one method each, each returning the
 * exception so call sites read {@code throw Problems.csrf()}. Messages go to the client: no secrets.
 */
final class Problems {

    private Problems() {
    }

    static MizanException badRequest(String message) {
        return new MizanException(400, "bad_request", message);
    }

    static MizanException malformedJson() {
        return badRequest("The request body is not well-formed JSON");
    }

    static MizanException notAnObject() {
        return badRequest("The request body must be a JSON object");
    }

    static MizanException tooDeep(int maxDepth) {
        return badRequest("The request body nests deeper than " + maxDepth + " levels");
    }

    static MizanException urlTooLong(int maxUrl) {
        return badRequest("The request URL is longer than " + maxUrl + " bytes");
    }

    static MizanException payloadTooLarge(long maxBody) {
        return new MizanException(413, "payload_too_large", "The request body is larger than " + maxBody + " bytes");
    }

    static MizanException unsupportedMediaType() {
        return new MizanException(415, "unsupported_media_type", "Content-Type must be application/json");
    }

    static MizanException csrf() {
        return new MizanException(403, "csrf", "Missing or invalid CSRF token; fetch /session and retry");
    }

    static MizanException crossSite() {
        return new MizanException(403, "csrf", "Cross-site request refused");
    }

    static MizanException methodNotAllowed(String allowed) {
        return new MizanException(405, "method_not_allowed", "Use " + allowed);
    }

    static MizanException notFound() {
        return new MizanException(404, "not_found", "Not found");
    }
}
