package dev.mizan.cdi.internal.runtime;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Purges what an {@code @Invalidates} method made stale, after it returns normally, whether a caller or an
 * EJB timer ran it; or after it threw, when it ran in a JTA transaction that still commits. Runs inside
 * {@code @Transactional} (which has a lower priority), so purges can wait for the commit.
 */
@Interceptor
@MizanBinding
@Priority(Interceptor.Priority.PLATFORM_AFTER + 100)
public class MizanInterceptor {

    // a field, with the implicit no-argument constructor: Payara's EJB container creates the interceptors of
    // a session bean through that constructor, and Weld then injects the fields
    @Inject
    Purger purger;

    @AroundInvoke
    Object invalidateAfter(InvocationContext ic) throws Exception {
        Object result;
        try {
            result = ic.proceed();
        } catch (Exception | Error e) {
            try {
                purger.afterFailedInvocation(ic.getMethod(), ic.getParameters());
            } catch (RuntimeException purgeFailure) {
                e.addSuppressed(purgeFailure);
            }
            throw e;
        }
        purger.afterInvocation(ic.getMethod(), ic.getParameters());
        return result;
    }

    /**
     * The same for an EJB timer's timeout method ({@code @Schedule}, {@code @Timeout}), which the container
     * runs through {@code @AroundTimeout} interceptor methods only.
     */
    @AroundTimeout
    Object invalidateAfterTimeout(InvocationContext ic) throws Exception {
        return invalidateAfter(ic);
    }
}
