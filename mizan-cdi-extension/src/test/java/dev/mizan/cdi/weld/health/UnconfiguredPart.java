package dev.mizan.cdi.weld.health;

import dev.mizan.spi.HealthPart;
import jakarta.enterprise.context.ApplicationScoped;

/** A part switched off in the application: left out of the check, whatever its state. */
@ApplicationScoped
public class UnconfiguredPart implements HealthPart {

    @Override
    public String name() {
        return "off";
    }

    @Override
    public boolean configured() {
        return false;
    }

    @Override
    public boolean up() {
        return false;
    }
}
