package dev.mizan.jaxrs.internal;

import dev.mizan.HttpExchange;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The request-scoped {@link HttpExchange}, filled by the resources before a call runs. */
@RequestScoped
public class ServletExchange implements HttpExchange {

    private HttpServletRequest request;
    private HttpServletResponse response;

    void bind(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
    }

    @Override
    public HttpServletRequest request() {
        if (request == null) {
            throw new IllegalStateException("HttpExchange is available inside a Mizan call only");
        }
        return request;
    }

    @Override
    public HttpServletResponse response() {
        if (response == null) {
            throw new IllegalStateException("HttpExchange is available inside a Mizan call only");
        }
        return response;
    }
}
