package dev.mizan.samples.board;

import dev.mizan.MizanException;
import dev.mizan.samples.board.Views.BoardSummary;
import dev.mizan.samples.board.Views.BoardView;
import dev.mizan.samples.board.Views.CardView;
import dev.mizan.samples.board.Views.ColumnView;
import dev.mizan.samples.board.Views.MyCard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityGraph;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The board's data, through Jakarta Persistence on the runtime's default data source
 * (docs/how-to/board-sample.md shows how to move it to PostgreSQL). Writes run in a JTA transaction,
 * so Mizan purges the cache after the commit.
 */
@ApplicationScoped
public class BoardStore {

    @PersistenceContext(unitName = "board")
    EntityManager em;

    // Each read joins what it shows into its query (a count, a fetch join, a fetch graph) rather than
    // loading each column's cards or each card's column one at a time: a cache miss stays cheap however
    // large the board grows.

    @Transactional
    public List<BoardSummary> boards() {
        return em.createQuery("select b.id, b.name, count(c) from Board b left join b.lanes l left join l.cards c"
                        + " group by b.id, b.name order by b.id", Object[].class).getResultList().stream()
                .map(row -> new BoardSummary((Long) row[0], (String) row[1], ((Long) row[2]).intValue()))
                .toList();
    }

    @Transactional
    public BoardView board(long boardId) {
        Board b = find(Board.class, boardId, "board");
        List<Lane> lanes = em.createQuery("select distinct l from Lane l left join fetch l.cards"
                + " where l.board = :board order by l.position", Lane.class).setParameter("board", b).getResultList();
        return new BoardView(b.id, b.name, lanes.stream()
                .map(l -> new ColumnView(l.id, l.name, l.cards.stream().map(c -> new CardView(c.id, c.title, c.owner)).toList()))
                .toList());
    }

    @Transactional
    public List<MyCard> cardsOf(String owner) {
        // each card with its column and board, in the same query (JPA allows no alias on a fetch join: a graph)
        EntityGraph<Card> withPlace = em.createEntityGraph(Card.class);
        withPlace.addSubgraph("lane").addAttributeNodes("board");
        return em.createQuery("select c from Card c where c.owner = :owner order by c.id", Card.class)
                .setParameter("owner", owner).setHint("jakarta.persistence.fetchgraph", withPlace).getResultList().stream()
                .map(c -> new MyCard(c.id, c.title, c.lane.board.id, c.lane.board.name, c.lane.name))
                .toList();
    }

    @Transactional
    public CardView add(long boardId, long columnId, String title, String owner) {
        Lane lane = lane(boardId, columnId);
        Card c = new Card(lane, title.strip(), owner);
        em.persist(c);
        return new CardView(c.id, c.title, c.owner);
    }

    // A move and a rename each write only the column they change, with a JPQL update. Changing the loaded
    // Card instead would make Hibernate write every column at commit, putting back the title (or column)
    // it read before a concurrent rename (or move) committed: that change would be lost
    // (docs/how-to/board-sample.md, "Concurrent writes"). The card is still loaded first, for the checks.

    @Transactional
    public CardView move(long boardId, long cardId, long columnId) {
        Card c = card(boardId, cardId);
        Lane to = lane(boardId, columnId);
        changed(em.createQuery("update Card c set c.lane = :lane where c.id = :id").setParameter("lane", to), cardId);
        em.refresh(c); // its title as it is now, with any rename committed since it was loaded
        return new CardView(c.id, c.title, c.owner);
    }

    @Transactional
    public CardView rename(long boardId, long cardId, String title, String caller) {
        Card c = owned(card(boardId, cardId), caller, "rename");
        changed(em.createQuery("update Card c set c.title = :title where c.id = :id").setParameter("title", title.strip()), cardId);
        return new CardView(c.id, title.strip(), c.owner);
    }

    @Transactional
    public void delete(long boardId, long cardId, String caller) {
        // a JPQL delete too: em.remove of a card another request deleted meanwhile fails the commit (a 500)
        owned(card(boardId, cardId), caller, "delete");
        changed(em.createQuery("delete from Card c where c.id = :id"), cardId);
    }

    /** Runs a one-card update or delete; no row left means another request deleted the card since it was loaded. */
    private void changed(Query query, long cardId) {
        if (query.setParameter("id", cardId).executeUpdate() == 0) {
            throw notFound("card");
        }
    }

    /** Anyone signed in may move a card across the shared board; only its owner renames or deletes it. */
    private static Card owned(Card c, String caller, String what) {
        if (!c.owner.equals(caller)) {
            throw new MizanException(403, "forbidden", "Only " + c.owner + ", who added this card, may " + what + " it");
        }
        return c;
    }

    /** Seeds two boards the first time the application starts on an empty database. */
    @Transactional
    public void seedIfEmpty() {
        if (em.createQuery("select count(b) from Board b", Long.class).getSingleResult() > 0) {
            return;
        }
        seed("Website relaunch", new String[] {"To do", "Doing", "Done"},
                new String[][] {{"Write the copy for the landing page", "Pick a font"}, {"Design the pricing table"}, {"Buy the domain"}});
        seed("Quarterly planning", new String[] {"Ideas", "Planned", "Shipped"},
                new String[][] {{"Dark mode", "CSV import"}, {"Faster search"}, {}});
    }

    private void seed(String name, String[] columns, String[][] cards) {
        Board b = new Board(name);
        em.persist(b);
        for (int i = 0; i < columns.length; i++) {
            Lane l = new Lane(b, columns[i], i);
            em.persist(l);
            for (String title : cards[i]) {
                em.persist(new Card(l, title, "team"));
            }
        }
    }

    private Card card(long boardId, long cardId) {
        Card c = find(Card.class, cardId, "card");
        if (c.lane.board.id != boardId) {
            throw notFound("card on this board");
        }
        return c;
    }

    private Lane lane(long boardId, long columnId) {
        Lane l = find(Lane.class, columnId, "column");
        if (l.board.id != boardId) {
            throw notFound("column on this board");
        }
        return l;
    }

    private <T> T find(Class<T> type, long id, String what) {
        T t = em.find(type, id);
        if (t == null) {
            throw notFound(what);
        }
        return t;
    }

    private static MizanException notFound(String what) {
        return new MizanException(404, "not_found", "No such " + what);
    }
}
