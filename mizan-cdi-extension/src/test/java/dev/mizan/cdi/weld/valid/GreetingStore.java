package dev.mizan.cdi.weld.valid;

import jakarta.validation.constraints.NotNull;

/** A generic interface whose parameter constraint {@link DeclaredGreetings} implements as keep(String). */
public interface GreetingStore<T> {
    String keep(@NotNull T item);
}
