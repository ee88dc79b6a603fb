package dev.mizan.cdi.weld.health;

import dev.mizan.spi.HealthPart;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** An application's part whose state cannot be read: it throws, as a bean whose own dependency failed does. */
@ApplicationScoped
public class FailingPart implements HealthPart {

    @Override
    public String name() {
        return "payments";
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public boolean up() {
        return true;
    }

    @Override
    public Map<String, Object> data() {
        throw new IllegalStateException("secret-bearing message that must not be reported");
    }
}
