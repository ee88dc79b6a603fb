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
 * docs/reference/config.md: a duration key whose value is not ISO-8601. The runtime is built and checked at deployment, so the
 * deployment fails (with MZCDI00103, which the test finds in the failure the server reported) instead of failing every request later.
 */
@MizanTck
class BadDurationConfigTest {

    private static final String NAME = "tck-broken-bad-duration";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        return Deployments.war(NAME, "mizan.cache.ttl=30s", HelloApi.class);
    }

    @Assertion(id = "config-bad-duration", strategy = "Deployment fails when a duration key (mizan.cache.ttl=30s) does not convert; the failure carries MZCDI00103 naming the key; its URLs answer 404")
    void deploymentFails() {
        assertThat(DeploymentFailures.of(NAME)).contains(
                "MZCDI00103: mizan.cache.ttl");
        assertThat(HttpTck.forName(NAME).get("mizan/ctx/hello").status()).isEqualTo(404);
    }
}
