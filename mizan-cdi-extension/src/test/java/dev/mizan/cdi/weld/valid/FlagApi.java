package dev.mizan.cdi.weld.valid;

import dev.mizan.MizanContext;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;

/** A boolean param. */
@ApplicationScoped
public class FlagApi {

    @MizanContext(value = "flag", scope = Scope.PUBLIC)
    public String flag(@Param("on") boolean on, @Param("also") Boolean also) {
        return on + " " + also;
    }
}
