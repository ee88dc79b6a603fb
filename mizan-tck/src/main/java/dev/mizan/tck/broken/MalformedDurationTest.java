package dev.mizan.tck.broken;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.broken.MalformedDurationApi;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.arquillian.DeploymentFailures;

/**
 * docs/reference/annotations.md, definition error: maxAge = "30 seconds" (not ISO-8601). The deployment must fail (Arquillian checks the
 * {@link DeploymentException}); the test then checks the failure is this one (MZCDI00014, naming the method) and that nothing was left serving.
 */
@MizanTck
class MalformedDurationTest {

    private static final String NAME = "tck-broken-malformed-duration";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        return Deployments.war(NAME, MalformedDurationApi.class);
    }

    @Assertion(id = "definition-malformed-duration", strategy = "Deployment fails with a definition error: maxAge = \"30 seconds\" (not ISO-8601); the failure carries MZCDI00014 naming the method; its URLs answer 404")
    void deploymentFails() {
        assertThat(DeploymentFailures.of(NAME)).contains(
                "MZCDI00014: " + MalformedDurationApi.class.getName() + "#slow: maxAge",
                "'30 seconds'");
        assertThat(HttpTck.forName(NAME).get("mizan/ctx/x").status()).isEqualTo(404);
    }
}
