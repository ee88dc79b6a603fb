package dev.mizan.tck.broken;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.broken.DuplicateNameApi;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.arquillian.DeploymentFailures;

/**
 * docs/reference/annotations.md, definition error: a context and a function share the name "dup". The deployment must fail (Arquillian checks the
 * {@link DeploymentException}); the test then checks the failure is this one (MZCDI00002, naming both methods) and that nothing was left serving.
 */
@MizanTck
class DuplicateNameTest {

    private static final String NAME = "tck-broken-duplicate-name";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        return Deployments.war(NAME, DuplicateNameApi.class);
    }

    @Assertion(id = "definition-duplicate-name", strategy = "Deployment fails with a definition error: a context and a function share the name \"dup\"; the failure carries MZCDI00002 naming both methods; its URLs answer 404")
    void deploymentFails() {
        assertThat(DeploymentFailures.of(NAME)).contains(
                "MZCDI00002: ",
                "'dup'",
                DuplicateNameApi.class.getName() + "#read",
                DuplicateNameApi.class.getName() + "#write");
        assertThat(HttpTck.forName(NAME).get("mizan/ctx/x").status()).isEqualTo(404);
    }
}
