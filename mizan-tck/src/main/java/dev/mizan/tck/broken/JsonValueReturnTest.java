package dev.mizan.tck.broken;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.broken.JsonValueReturnApi;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.arquillian.DeploymentFailures;

/**
 * docs/reference/annotations.md, definition error: a context returning jakarta.json.JsonValue. The deployment must fail (Arquillian checks the
 * {@link DeploymentException}); the test then checks the failure is this one (MZCDI00008, naming the method) and that nothing was left serving.
 */
@MizanTck
class JsonValueReturnTest {

    private static final String NAME = "tck-broken-json-value-return";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        return Deployments.war(NAME, JsonValueReturnApi.class);
    }

    @Assertion(id = "definition-unsupported-return-jsonvalue", strategy = "Deployment fails with a definition error: a context returning jakarta.json.JsonValue; the failure carries MZCDI00008 naming the method; its URLs answer 404")
    void deploymentFails() {
        assertThat(DeploymentFailures.of(NAME)).contains(
                "MZCDI00008: " + JsonValueReturnApi.class.getName() + "#raw");
        assertThat(HttpTck.forName(NAME).get("mizan/ctx/x").status()).isEqualTo(404);
    }
}
