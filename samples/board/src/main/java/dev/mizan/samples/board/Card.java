package dev.mizan.samples.board;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A card in a column; its owner is the user who added it. */
@Entity
public class Card {

    @Id
    @GeneratedValue
    Long id;

    @ManyToOne(optional = false)
    Lane lane;

    String title;

    String owner;

    protected Card() {
    }

    Card(Lane lane, String title, String owner) {
        this.lane = lane;
        this.title = title;
        this.owner = owner;
    }
}
