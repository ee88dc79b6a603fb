package dev.mizan.tck.broken;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.shapes.HelloApi;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.arquillian.DeploymentFailures;

/**
 * docs/reference/config.md: a cache backend name that no jar provides. The runtime is built and checked at deployment, so the
 * deployment fails (with MZCDI00111, suggesting 'memory', which the test finds in the failure the server reported) instead of failing every request later.
 */
@MizanTck
class UnknownBackendTest {

    private static final String NAME = "tck-broken-unknown-backend";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        return Deployments.war(NAME, "mizan.cache.backend=memroy", HelloApi.class);
    }

    @Assertion(id = "config-unknown-backend", strategy = "Deployment fails when mizan.cache.backend names no backend at all; the failure carries MZCDI00111 naming the backend; its URLs answer 404")
    void deploymentFails() {
        assertThat(DeploymentFailures.of(NAME)).contains(
                "MZCDI00111: mizan.cache.backend=memroy");
        assertThat(HttpTck.forName(NAME).get("mizan/ctx/hello").status()).isEqualTo(404);
    }
}
