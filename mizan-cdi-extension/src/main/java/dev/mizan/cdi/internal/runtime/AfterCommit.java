package dev.mizan.cdi.internal.runtime;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Defers work to after the current JTA transaction commits, or runs it now when there is none
 * (docs/internals/cache-design.md: purge after commit). JTA is optional: without it, work always runs now.
 */
final class AfterCommit {

    private static final boolean JTA = ClassPresence.present("jakarta.transaction.TransactionSynchronizationRegistry");

    private AfterCommit() {
    }

    static void run(Runnable work) {
        if (!JTA || !Jta.defer(work)) {
            work.run();
        }
    }

    /** Kept apart so the JTA classes load only when present. */
    private static final class Jta {
        static boolean defer(Runnable work) {
            jakarta.transaction.TransactionSynchronizationRegistry tsr;
            try {
                tsr = (jakarta.transaction.TransactionSynchronizationRegistry)
                        new InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
            } catch (NamingException | RuntimeException e) {
                return false;
            }
            if (tsr == null || tsr.getTransactionStatus() != jakarta.transaction.Status.STATUS_ACTIVE) {
                return false;
            }
            tsr.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                        work.run();
                    }
                }
            });
            return true;
        }
    }
}
