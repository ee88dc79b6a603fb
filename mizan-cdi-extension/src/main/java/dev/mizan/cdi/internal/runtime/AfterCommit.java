package dev.mizan.cdi.internal.runtime;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Defers work to after the current JTA transaction commits, drops it when the transaction is marked
 * for rollback, or runs it now when there is none (docs/internals/cache-design.md: purge after commit). JTA is optional: without it, work always runs
 * now. The transaction registry is looked up once (at deployment), never per purge.
 */
final class AfterCommit {

    private static final boolean JTA = ClassPresence.present("jakarta.transaction.TransactionSynchronizationRegistry");

    /** A {@code TransactionSynchronizationRegistry}, or null; typed Object so JTA's classes load only when present. */
    private volatile Object registry;
    private volatile boolean looked;

    /** Looks the registry up; called when the application starts. */
    void resolve() {
        if (JTA && !looked) {
            registry = Jta.lookup();
            looked = registry != null;
        }
    }

    void run(Runnable work) {
        if (JTA && !looked) {
            resolve(); // the first lookup found no naming context: try again, until one answers
        }
        Object r = registry;
        if (r == null || !Jta.defer(r, work)) {
            work.run();
        }
    }

    /** @return whether a JTA transaction is active here, whose commit work given to {@link #run} would wait for */
    boolean inTransaction() {
        if (JTA && !looked) {
            resolve();
        }
        Object r = registry;
        return r != null && Jta.active(r);
    }

    /** Kept apart so the JTA classes load only when present. */
    private static final class Jta {
        static Object lookup() {
            try {
                return new InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
            } catch (NamingException | RuntimeException e) {
                return null;
            }
        }

        static boolean active(Object registry) {
            return ((jakarta.transaction.TransactionSynchronizationRegistry) registry).getTransactionStatus()
                    == jakarta.transaction.Status.STATUS_ACTIVE;
        }

        /** @return whether the transaction took care of the work: it runs on commit, or never on a rollback */
        static boolean defer(Object registry, Runnable work) {
            jakarta.transaction.TransactionSynchronizationRegistry tsr = (jakarta.transaction.TransactionSynchronizationRegistry) registry;
            int status = tsr.getTransactionStatus();
            if (status == jakarta.transaction.Status.STATUS_MARKED_ROLLBACK) {
                return true; // it can only roll back: nothing it did becomes visible, so nothing to purge
            }
            if (status != jakarta.transaction.Status.STATUS_ACTIVE) {
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
