package dev.mizan.samples.hello;

import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyOrderStrategy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A hand-written JAX-RS resource returning the same bytes as {@code GET /mizan/ctx/greeting}:
 * the baseline of {@code bench/ctx-vs-jaxrs.sh}.
 */
@Path("greeting")
public class GreetingResource {

    private static final Jsonb JSONB = JsonbBuilder.create(
            new JsonbConfig().withPropertyOrderStrategy(PropertyOrderStrategy.LEXICOGRAPHICAL));

    @Inject
    HelloStore store;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String greeting() {
        return JSONB.toJson(store.greeting());
    }
}
