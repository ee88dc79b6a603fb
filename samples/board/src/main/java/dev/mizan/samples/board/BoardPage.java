package dev.mizan.samples.board;

import dev.mizan.Contexts;
import dev.mizan.MizanException;
import dev.mizan.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/**
 * The sample's one page, server-rendered by mizan-ssr-node: the board list and one board
 * ({@code ?board=N}, the first by default), who is signed in, and the caller's own cards once logged in. The contexts
 * come embedded in the page, so the browser fetches none of them after hydration. A board that does not
 * exist gets the same page with a "no such board" message and status 404, not the JSON error its read
 * would answer.
 */
@Path("/")
public class BoardPage {

    @Inject
    Contexts contexts;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("board") Long board, @Context SecurityContext security) {
        long boardId = board == null || board < 1 ? 1 : board;
        boolean signedIn = security.getUserPrincipal() != null;
        boolean missing = !exists(boardId);
        Page page = Page.of("board").title("Mizan board").props(Map.of("boardId", boardId, "missing", missing))
                .context("me")
                .context("boards")
                .script("static/board.js");
        if (missing) {
            return Response.status(Response.Status.NOT_FOUND).entity(page).build();
        }
        page = page.context("board", Map.of("boardId", boardId));
        return Response.ok(signedIn ? page.context("myCards") : page).build();
    }

    /** Through the cached {@code board} context the page prefetches anyway: no query of the database per page. */
    private boolean exists(long boardId) {
        try {
            contexts.readJson("board", Map.of("boardId", boardId));
            return true;
        } catch (MizanException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }
}
