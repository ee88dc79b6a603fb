package dev.mizan.cdi.weld.valid;

import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Operations whose parameter constraints an interface declares, one of them generic (Bean Validation applies both). */
@ApplicationScoped
public class DeclaredGreetings implements GreetingsApi, GreetingStore<String> {

    @Override
    @MizanContext(value = "greetings", scope = Scope.PUBLIC)
    public List<String> greetings(@Param("language") String language) {
        return List.of("hello");
    }

    @Override
    @MizanFunction
    public String keep(@Param("item") String item) {
        return item;
    }

    @MizanFunction
    public String loose(@Param("item") String item) {
        return item;
    }
}
