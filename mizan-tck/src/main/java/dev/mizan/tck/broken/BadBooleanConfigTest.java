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
 * docs/reference/config.md: a boolean key whose value is none of MicroProfile Config's words for true or false.
 * MicroProfile Config alone reads any such word as false, so a typo would switch the CSRF check off; the
 * deployment fails instead (with MZCDI00106, which the test finds in the failure the server reported).
 */
@MizanTck
class BadBooleanConfigTest {

    private static final String NAME = "tck-broken-bad-boolean";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        return Deployments.war(NAME, "mizan.csrf.enabled=ture", HelloApi.class);
    }

    @Assertion(id = "config-bad-boolean", strategy = "Deployment fails when a boolean key (mizan.csrf.enabled=ture) is none of the words for true or false; the failure carries MZCDI00106 naming the key; its URLs answer 404")
    void deploymentFails() {
        assertThat(DeploymentFailures.of(NAME)).contains(
                "MZCDI00106: mizan.csrf.enabled");
        assertThat(HttpTck.forName(NAME).get("mizan/ctx/hello").status()).isEqualTo(404);
    }
}
