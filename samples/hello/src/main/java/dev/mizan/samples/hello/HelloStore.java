package dev.mizan.samples.hello;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The sample's "database": in memory, enough to show caching and invalidation. */
@ApplicationScoped
public class HelloStore {

    private volatile Greeting greeting = new Greeting("Hello from Mizan", 1, Instant.now());
    private final Map<String, List<Note>> notes = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    Greeting greeting() {
        return greeting;
    }

    void greeting(Greeting g) {
        greeting = g;
    }

    List<Note> notes(String user) {
        return List.copyOf(notes.getOrDefault(user, List.of()));
    }

    Note addNote(String user, String text) {
        Note n = new Note(ids.incrementAndGet(), text);
        notes.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(n);
        return n;
    }
}
