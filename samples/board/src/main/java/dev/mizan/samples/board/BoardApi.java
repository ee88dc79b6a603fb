package dev.mizan.samples.board;

import dev.mizan.HttpExchange;
import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanException;
import dev.mizan.MizanFunction;
import dev.mizan.Scope;
import dev.mizan.SessionInit;
import dev.mizan.samples.board.Views.BoardSummary;
import dev.mizan.samples.board.Views.BoardView;
import dev.mizan.samples.board.Views.CardView;
import dev.mizan.samples.board.Views.Me;
import dev.mizan.samples.board.Views.MyCard;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The board's contexts and functions (docs/how-to/board-sample.md). Boards are public; "my cards" is
 * per user; every change to a card purges only that card's board ({@code params = "boardId"}) and the
 * users' own lists.
 */
@ApplicationScoped
public class BoardApi {

    /**
     * A title must show something. {@code @NotBlank} trims only up to U+0020, while the store strips
     * every space, so a title of ideographic spaces (U+3000, an IME's space) would be saved empty: this
     * also refuses a title of Unicode spaces alone, and leaves the ASCII-blank ones to {@code @NotBlank}.
     */
    private static final String VISIBLE = "(?U)(?s).*\\S.*|[\\x00-\\x20]*";

    @Inject
    BoardStore store;
    @Inject
    SecurityContext security;
    @Inject
    HttpExchange http;
    @Inject
    HttpServletRequest request; // the container's request-scoped bean: a read has no HttpExchange

    @MizanContext(value = "boards", scope = Scope.PUBLIC)
    @PermitAll
    public List<BoardSummary> boards() {
        return store.boards();
    }

    @MizanContext(value = "board", scope = Scope.PUBLIC)
    @PermitAll
    public BoardView board(@Positive long boardId) {
        return store.board(boardId);
    }

    /**
     * Who is signed in. A USER context, so a login or logout in any tab of the browser makes every tab
     * read it again, and the page follows whoever the session belongs to now.
     */
    @MizanContext(value = "me", scope = Scope.USER)
    @PermitAll
    public Me me() {
        // the servlet request's principal is null for nobody (Jakarta Security's caller may be "anonymous")
        java.security.Principal caller = request.getUserPrincipal();
        return new Me(caller == null ? null : caller.getName());
    }

    /** The caller's own cards: cached per user, never shared, purged at logout. */
    @MizanContext(value = "myCards", scope = Scope.USER)
    @RolesAllowed("user")
    public List<MyCard> myCards() {
        return store.cardsOf(user());
    }

    @MizanFunction
    @RolesAllowed("user")
    @Invalidates(value = "board", params = "boardId")
    @Invalidates("boards")
    @Invalidates("myCards")
    public CardView addCard(long boardId, long columnId, @NotBlank(message = "Give the card a title") @Pattern(regexp = VISIBLE, message = "Give the card a title") @Size(max = 120) String title) {
        return store.add(boardId, columnId, title, user());
    }

    @MizanFunction
    @RolesAllowed("user")
    @Invalidates(value = "board", params = "boardId")
    @Invalidates("myCards")
    public CardView moveCard(long boardId, long cardId, long columnId) {
        return store.move(boardId, cardId, columnId);
    }

    @MizanFunction
    @RolesAllowed("user")
    @Invalidates(value = "board", params = "boardId")
    @Invalidates("myCards")
    public CardView renameCard(long boardId, long cardId, @NotBlank(message = "Give the card a title") @Pattern(regexp = VISIBLE, message = "Give the card a title") @Size(max = 120) String title) {
        return store.rename(boardId, cardId, title, user());
    }

    @MizanFunction
    @RolesAllowed("user")
    @Invalidates(value = "board", params = "boardId")
    @Invalidates("boards")
    @Invalidates("myCards")
    public boolean deleteCard(long boardId, long cardId) {
        store.delete(boardId, cardId, user());
        return true;
    }

    /** A board as a CSV file: a function that answers with a {@link Response} instead of JSON. */
    @MizanFunction
    @PermitAll
    public Response exportBoard(long boardId) {
        BoardView b = store.board(boardId);
        StringBuilder csv = new StringBuilder("column,card,owner\r\n");
        b.columns().forEach(col -> col.cards().forEach(card ->
                csv.append(Csv.field(col.name())).append(',').append(Csv.field(card.title())).append(',')
                        .append(Csv.field(card.owner())).append("\r\n")));
        return Response.ok(csv.toString(), "text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"board-" + boardId + ".csv\"").build();
    }

    /**
     * Logs in (alice / alice-pw or bob / bob-pw). Under {@code @SessionInit} Mizan signs out whoever held
     * the session, then rotates the session and the CSRF token.
     */
    @MizanFunction
    @PermitAll
    @SessionInit
    public String login(@NotBlank(message = "Enter your user name") String username,
                        @NotBlank(message = "Enter your password") String password) {
        AuthenticationStatus status = security.authenticate(http.request(), http.response(),
                AuthenticationParameters.withParams().credential(new UsernamePasswordCredential(username, password))
                        .newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS) {
            throw new MizanException(400, "invalid_params", "Wrong user name or password",
                    Map.of("password", List.of("Wrong user name or password")));
        }
        return username;
    }

    /** Logs out: Mizan ends the session and purges the user's cached entries. */
    @MizanFunction
    @PermitAll
    @SessionInit
    public boolean logout() throws ServletException {
        http.request().logout();
        return true;
    }

    private String user() {
        return security.getCallerPrincipal().getName();
    }
}
