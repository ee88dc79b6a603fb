package dev.mizan.cdi.weld.valid;

import dev.mizan.MizanContext;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Params that travel as text for types other than {@code String}. */
@ApplicationScoped
public class SlotsApi {

    @MizanContext(value = "slots", scope = Scope.PUBLIC)
    public String slots(@Param("at") Instant at, @Param("id") UUID id) {
        return at + " " + id;
    }
}
