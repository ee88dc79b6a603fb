package dev.mizan.samples.hello;

import dev.mizan.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The server-rendered page at the root of the WAR: React, rendered by mizan-ssr-node's worker pool
 * with the {@code greeting} context prefetched and seeded into the browser (docs/how-to/ssr.md).
 */
@Path("/")
public class HomePage {

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Page home() {
        return Page.of("home")
                .title("Mizan hello")
                .props(Map.of("heading", "Hello from Mizan"))
                .context("greeting")
                .script("static/home.js");
    }
}
