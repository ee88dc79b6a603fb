package dev.mizan.cdi.weld.spi;

import dev.mizan.MizanException;
import dev.mizan.spi.ErrorMapper;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Asked first (priority 200): maps only {@link FailingApi.Shared}. */
@ApplicationScoped
@Priority(200)
public class HighMapper implements ErrorMapper {
    @Override
    public Optional<MizanException> map(Throwable failure) {
        return failure instanceof FailingApi.Shared
                ? Optional.of(new MizanException(409, "high", "mapped by the high-priority mapper"))
                : Optional.empty();
    }
}
