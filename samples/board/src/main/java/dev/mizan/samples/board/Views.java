package dev.mizan.samples.board;

import java.util.List;

/** What the contexts answer: plain records, so the JSON and the generated TypeScript types stay small. */
public final class Views {

    private Views() {
    }

    /** An entry of the board list. */
    public record BoardSummary(long id, String name, int cards) {
    }

    /** A board with its columns and their cards. */
    public record BoardView(long id, String name, List<ColumnView> columns) {
    }

    public record ColumnView(long id, String name, List<CardView> cards) {
    }

    public record CardView(long id, String title, String owner) {
    }

    /** Who is signed in: {@code user} is null (left out of the JSON) for nobody. */
    public record Me(String user) {
    }

    /** One of the caller's own cards, with where it sits. */
    public record MyCard(long id, String title, long boardId, String board, String column) {
    }
}
