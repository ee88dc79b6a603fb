package dev.mizan.cdi.weld.valid;

import dev.mizan.MizanFunction;
import dev.mizan.Param;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;

/** A parameter constraint Bean Validation accepts. */
@ApplicationScoped
public class ConstrainedGreeting {
    @MizanFunction public String greet(@Param("name") @NotBlank String name) { return "hi " + name; }
}
