package dev.mizan.cdi.weld.alternatives;

import dev.mizan.MizanContext;
import dev.mizan.Scope;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/** An alternative enabled for the whole application by its priority. */
@Alternative
@Priority(10)
@ApplicationScoped
public class EnabledAlternativeApi {

    @MizanContext(value = "altOn", scope = Scope.PUBLIC)
    public String on() {
        return "on";
    }
}
