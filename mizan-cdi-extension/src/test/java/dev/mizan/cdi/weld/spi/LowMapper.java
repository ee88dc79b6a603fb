package dev.mizan.cdi.weld.spi;

import dev.mizan.MizanException;
import dev.mizan.spi.ErrorMapper;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Asked second (priority 100): maps everything it is given. */
@ApplicationScoped
@Priority(100)
public class LowMapper implements ErrorMapper {
    @Override
    public Optional<MizanException> map(Throwable failure) {
        return Optional.of(new MizanException(418, "low", "mapped by the low-priority mapper"));
    }
}
