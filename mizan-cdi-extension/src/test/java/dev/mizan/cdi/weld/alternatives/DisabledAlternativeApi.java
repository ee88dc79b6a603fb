package dev.mizan.cdi.weld.alternatives;

import dev.mizan.MizanContext;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/** An alternative that nothing enables: not a bean, so not part of the schema. */
@Alternative
@ApplicationScoped
public class DisabledAlternativeApi {

    @MizanContext(value = "altOff", scope = Scope.PUBLIC)
    public String off() {
        return "off";
    }
}
