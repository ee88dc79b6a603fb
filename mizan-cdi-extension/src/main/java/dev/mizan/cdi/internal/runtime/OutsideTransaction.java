package dev.mizan.cdi.internal.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * Runs a context's computation outside the caller's JTA transaction (docs/internals/cache-design.md), so a fill never
 * sees, nor caches, another transaction's uncommitted writes. Registered only when JTA is present.
 */
@ApplicationScoped
public class OutsideTransaction {

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public <T> T run(Supplier<T> work) {
        return work.get();
    }
}
