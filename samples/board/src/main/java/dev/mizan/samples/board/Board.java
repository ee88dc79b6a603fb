package dev.mizan.samples.board;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import java.util.ArrayList;
import java.util.List;

/** A board: named columns, each holding cards. */
@Entity
public class Board {

    @Id
    @GeneratedValue
    Long id;

    String name;

    @OneToMany(mappedBy = "board")
    @OrderBy("position")
    List<Lane> lanes = new ArrayList<>();

    protected Board() {
    }

    Board(String name) {
        this.name = name;
    }
}
