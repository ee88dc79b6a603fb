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
 * docs/internals/key-derivation.md: {@code mizan.secret} is required unless {@code mizan.dev=true}. A valid application
 * without either must not deploy: its cache keys and CSRF tokens would have no secret.
 */
@MizanTck
class MissingSecretTest {

    private static final String NAME = "tck-broken-missing-secret";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        // no microprofile-config.properties at all: neither mizan.secret nor mizan.dev
        return Deployments.plainWar(NAME, HelloApi.class).addAsLibraries(Deployments.implementationJars());
    }

    @Assertion(id = "config-secret-required", strategy = "Deployment fails without mizan.secret outside dev mode; the failure carries MZCDI00100 naming the key; its URLs answer 404")
    void deploymentFails() {
        assertThat(DeploymentFailures.of(NAME)).contains(
                "MZCDI00100: mizan.secret");
        assertThat(HttpTck.forName(NAME).get("mizan/ctx/hello").status()).isEqualTo(404);
    }
}
