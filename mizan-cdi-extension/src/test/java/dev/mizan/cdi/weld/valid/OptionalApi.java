package dev.mizan.cdi.weld.valid;

import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Optional params, which a request may leave out. */
@ApplicationScoped
public class OptionalApi {

    @MizanContext(value = "search", scope = Scope.PUBLIC)
    public String search(@Param("q") Optional<String> q, @Param("page") OptionalInt page, @Param("after") OptionalLong after) {
        return q.orElse("everything") + " page " + page.orElse(1) + " after " + after.orElse(0);
    }

    @MizanFunction
    public String note(@Param("text") Optional<String> text) {
        return text.map(t -> "noted " + t).orElse("nothing to note");
    }
}
