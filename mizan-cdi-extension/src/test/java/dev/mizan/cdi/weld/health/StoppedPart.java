package dev.mizan.cdi.weld.health;

import dev.mizan.spi.HealthPart;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** A configured part that cannot serve, as an SSR pool with no live worker reports itself. */
@ApplicationScoped
public class StoppedPart implements HealthPart {

    @Override
    public String name() {
        return "workers";
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public boolean up() {
        return false;
    }

    @Override
    public Map<String, Object> data() {
        return Map.of("alive", 0, "size", 2);
    }
}
