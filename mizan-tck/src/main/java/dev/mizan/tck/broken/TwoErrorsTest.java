package dev.mizan.tck.broken;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.broken.TwoErrorsApi;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.arquillian.DeploymentFailures;

/**
 * docs/reference/annotations.md, definition error: two definition errors in one deployment (a malformed name and a void context). The deployment must fail (Arquillian checks the
 * {@link DeploymentException}); the test then checks the failure is this one (MZCDI00001 and MZCDI00010, naming each method) and that nothing was left serving.
 */
@MizanTck
class TwoErrorsTest {

    private static final String NAME = "tck-broken-two-errors";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        return Deployments.war(NAME, TwoErrorsApi.class);
    }

    @Assertion(id = "definition-two-errors", strategy = "Deployment fails with a definition error: two definition errors in one deployment (a malformed name and a void context); the failure carries MZCDI00001 and MZCDI00010 naming each method; its URLs answer 404")
    void deploymentFails() {
        assertThat(DeploymentFailures.of(NAME)).contains(
                "MZCDI00001: " + TwoErrorsApi.class.getName() + "#bad",
                "MZCDI00010: " + TwoErrorsApi.class.getName() + "#nothing");
        assertThat(HttpTck.forName(NAME).get("mizan/ctx/x").status()).isEqualTo(404);
    }
}
