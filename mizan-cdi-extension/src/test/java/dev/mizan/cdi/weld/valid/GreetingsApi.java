package dev.mizan.cdi.weld.valid;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Declares a parameter constraint that {@link DeclaredGreetings} implements without repeating it. */
public interface GreetingsApi {
    List<String> greetings(@NotNull String language);
}
