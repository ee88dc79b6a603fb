package dev.mizan.tck.framework;

import java.lang.reflect.Method;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Rethrows a failed {@link Assertion} test's error with the assertion's id and strategy in front of
 * the message, keeping the original as the cause (modelled on the Jakarta Data TCK's AssertionExtension).
 */
public final class AssertionExtension implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Optional<Assertion> assertion = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, Assertion.class));
        if (assertion.isEmpty()) {
            throw failure;
        }
        throw describe(assertion.get(), context.getRequiredTestMethod(), failure);
    }

    private static Throwable describe(Assertion a, Method method, Throwable failure) {
        String text = "[TCK assertion " + a.id() + "] " + a.strategy() + " ("
                + method.getDeclaringClass().getSimpleName() + "#" + method.getName() + "): "
                + failure.getMessage();
        Throwable described = failure instanceof AssertionError ? new AssertionError(text, failure)
                : new IllegalStateException(text, failure);
        return described;
    }
}
