package dev.mizan.samples.board;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** Fills an empty database with two demo boards when the application starts. */
@Singleton
@Startup
public class Seeder {

    @Inject
    BoardStore store;

    @PostConstruct
    void seed() {
        store.seedIfEmpty();
    }
}
