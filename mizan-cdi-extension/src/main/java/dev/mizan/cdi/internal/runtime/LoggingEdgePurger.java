package dev.mizan.cdi.internal.runtime;

import dev.mizan.spi.EdgePurger;
import java.util.Set;

/** The default {@link EdgePurger}: no CDN is configured, so it only logs which tags went stale. */
final class LoggingEdgePurger implements EdgePurger {

    private static final System.Logger LOG = System.getLogger(LoggingEdgePurger.class.getName());

    @Override
    public void purge(Set<String> tags) {
        LOG.log(System.Logger.Level.DEBUG, "MZCDI01002: edge purge (no EdgePurger bean configured): {0}", tags);
    }
}
