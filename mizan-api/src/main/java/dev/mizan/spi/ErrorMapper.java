package dev.mizan.spi;

import dev.mizan.MizanException;
import java.util.Optional;

/**
 * Turns an application exception into a client error with a code and status, instead of
 * {@code 500 internal}. Provide one as a CDI bean. Mappers are asked in {@code @Priority} order
 * (highest first); the first that returns an error wins.
 *
 * @since 0.1
 */
public interface ErrorMapper {

    /**
     * @param failure what a context or function threw
     * @return the error to send, or empty to leave it to the next mapper (and at last to Mizan: 500 {@code internal})
     */
    Optional<MizanException> map(Throwable failure);
}
