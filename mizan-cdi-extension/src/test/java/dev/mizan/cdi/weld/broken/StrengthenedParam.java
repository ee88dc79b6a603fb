package dev.mizan.cdi.weld.broken;

import dev.mizan.MizanFunction;
import dev.mizan.Param;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;

/** Adds a constraint to an implemented method's parameter, which Bean Validation refuses (HV000151); greet2 is fine. */
@ApplicationScoped
public class StrengthenedParam implements Greeting {
    @Override @MizanFunction public String greet(@Param("name") @NotBlank String name) { return "hi " + name; }
    @MizanFunction public String greet2(@Param("name") @NotBlank String name) { return "hi " + name; }
}
