package dev.mizan.samples.board;

import dev.mizan.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.HashMap;
import java.util.Map;

/**
 * The sample's one page, server-rendered by mizan-ssr-node: the board list and one board
 * ({@code ?board=N}, the first by default), and the caller's own cards once logged in. The contexts
 * come embedded in the page, so the browser fetches none of them after hydration.
 */
@Path("/")
public class BoardPage {

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Page page(@QueryParam("board") Long board, @Context SecurityContext security) {
        long boardId = board == null || board < 1 ? 1 : board;
        String user = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
        Map<String, Object> props = new HashMap<>();
        props.put("boardId", boardId);
        props.put("user", user);
        Page page = Page.of("board").title("Mizan board").props(props)
                .context("boards")
                .context("board", Map.of("boardId", boardId))
                .script("static/board.js");
        return user == null ? page : page.context("myCards");
    }
}
