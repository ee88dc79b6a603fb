package dev.mizan.samples.hello;

import dev.mizan.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/**
 * The server-rendered page at the root of the WAR: React, rendered by mizan-ssr-node's worker pool
 * with the {@code greeting} context prefetched and seeded into the browser (docs/how-to/ssr.md).
 * A signed-in user's notes (a USER context) are prefetched too, which makes the page
 * {@code Cache-Control: private, no-store}.
 */
@Path("/")
public class HomePage {

    @Context
    SecurityContext security;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Page home() {
        boolean signedIn = security.isUserInRole("user");
        Page page = Page.of("home")
                .title("Mizan hello")
                .props(Map.of("heading", "Hello from Mizan", "signedIn", signedIn))
                .context("greeting")
                .script("static/home.js");
        return signedIn ? page.context("notes") : page;
    }
}
