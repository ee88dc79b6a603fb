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
 * docs/reference/config.md: a header-name key whose value is not an HTTP header name. The runtime is built and checked at deployment, so the
 * deployment fails (with MZCDI00105, which the test finds in the failure the server reported) instead of failing every request later.
 */
@MizanTck
class BadHeaderConfigTest {

    private static final String NAME = "tck-broken-bad-header";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        return Deployments.war(NAME, "mizan.edge.tag-header=Cache Tag", HelloApi.class);
    }

    @Assertion(id = "config-bad-header", strategy = "Deployment fails when mizan.edge.tag-header is not a header name; the failure carries MZCDI00105 naming the key; its URLs answer 404")
    void deploymentFails() {
        assertThat(DeploymentFailures.of(NAME)).contains(
                "MZCDI00105: mizan.edge.tag-header");
        assertThat(HttpTck.forName(NAME).get("mizan/ctx/hello").status()).isEqualTo(404);
    }
}
