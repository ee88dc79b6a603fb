package dev.mizan.samples.board;

import dev.mizan.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/**
 * The sample's one page, server-rendered by mizan-ssr-node: the board list and one board
 * ({@code ?board=N}, the first by default), who is signed in, and the caller's own cards once logged in. The contexts
 * come embedded in the page, so the browser fetches none of them after hydration.
 */
@Path("/")
public class BoardPage {

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Page page(@QueryParam("board") Long board, @Context SecurityContext security) {
        long boardId = board == null || board < 1 ? 1 : board;
        boolean signedIn = security.getUserPrincipal() != null;
        Page page = Page.of("board").title("Mizan board").props(Map.of("boardId", boardId))
                .context("me")
                .context("boards")
                .context("board", Map.of("boardId", boardId))
                .script("static/board.js");
        return signedIn ? page.context("myCards") : page;
    }
}
