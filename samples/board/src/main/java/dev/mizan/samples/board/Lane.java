package dev.mizan.samples.board;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import java.util.ArrayList;
import java.util.List;

/** A column of a board ("Lane": COLUMN is a reserved word in SQL). */
@Entity
public class Lane {

    @Id
    @GeneratedValue
    Long id;

    @ManyToOne(optional = false)
    Board board;

    String name;

    int position;

    @OneToMany(mappedBy = "lane")
    @OrderBy("id")
    List<Card> cards = new ArrayList<>();

    protected Lane() {
    }

    Lane(Board board, String name, int position) {
        this.board = board;
        this.name = name;
        this.position = position;
    }
}
