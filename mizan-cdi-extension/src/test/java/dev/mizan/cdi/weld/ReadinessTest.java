package dev.mizan.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.weld.health.FailingPart;
import dev.mizan.cdi.weld.health.StoppedPart;
import dev.mizan.cdi.weld.health.UnconfiguredPart;
import dev.mizan.cdi.weld.valid.TodoApi;
import jakarta.enterprise.inject.se.SeContainer;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/**
 * The readiness check: registered by the extension when the MicroProfile Health API is on the class
 * path (it is, for this test), named {@code mizan}, reporting the cache backend. Its absence on a
 * server without the API is covered by the TCK on WildFly's default configuration.
 */
class ReadinessTest {

    @Test
    void theReadinessCheckReportsTheCacheBackend() {
        try (SeContainer cdi = WeldBed.start(TodoApi.class)) {
            HealthCheck check = cdi.select(HealthCheck.class, Readiness.Literal.INSTANCE).get();
            HealthCheckResponse response = check.call();
            assertThat(response.getName()).isEqualTo("mizan");
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(response.getData()).hasValueSatisfying(data -> {
                assertThat(data).containsEntry("cache", "up");
                assertThat(data).containsEntry("cache.backend", "memory");
            });
        }
    }

    @Test
    void aConfiguredPartThatCannotServeMakesTheCheckDown() {
        try (SeContainer cdi = WeldBed.start(TodoApi.class, StoppedPart.class, UnconfiguredPart.class)) {
            HealthCheckResponse response = cdi.select(HealthCheck.class, Readiness.Literal.INSTANCE).get().call();
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getData()).hasValueSatisfying(data -> {
                assertThat(data).containsEntry("cache", "up");
                assertThat(data).containsEntry("workers", "down");
                assertThat(data).containsEntry("workers.alive", 0L);
                assertThat(data).containsEntry("workers.size", 2L);
                assertThat(data).doesNotContainKey("off");
            });
        }
    }

    @Test
    void aPartThatThrowsIsDownAndHidesNeitherTheCacheNorTheOtherParts() {
        try (SeContainer cdi = WeldBed.start(TodoApi.class, FailingPart.class, StoppedPart.class)) {
            HealthCheckResponse response = cdi.select(HealthCheck.class, Readiness.Literal.INSTANCE).get().call();
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getData()).hasValueSatisfying(data -> {
                assertThat(data).containsEntry("cache", "up");
                assertThat(data).containsEntry("payments", "down");
                assertThat(data).containsEntry("payments.error", IllegalStateException.class.getName());
                assertThat(data).containsEntry("workers", "down");
                assertThat(data).containsEntry("workers.alive", 0L);
                assertThat(data.values()).noneMatch(v -> String.valueOf(v).contains("secret"));
            });
        }
    }
}
