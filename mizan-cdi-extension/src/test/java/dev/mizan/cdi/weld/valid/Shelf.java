package dev.mizan.cdi.weld.valid;

import jakarta.validation.constraints.NotBlank;
import java.util.List;

/** The only type of {@link TypedShelf} besides {@code Object}; its constraint is the one Bean Validation checks. */
public interface Shelf {
    List<String> items(@NotBlank String shelf);

    int put(String shelf, String item);
}
