package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.infra.InfraApplication;
import dev.mizan.tck.fixtures.infra.Unsatisfied;
import dev.mizan.tck.fixtures.infra.WhoAmIResource;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.arquillian.DeploymentFailures;

/**
 * Proves how the runtime's adapter reports a deployment error (the {@code broken} package depends on
 * it): a plain CDI deployment error surfaces as {@link DeploymentException} carrying the server's reason (the
 * unsatisfied injection point), the test method still runs, and the application is not served.
 */
@MizanTck
class InfrastructureBrokenDeploymentTest {

    static final String NAME = "tck-infra-broken";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        return Deployments.plainWar(NAME, InfraApplication.class, WhoAmIResource.class, Unsatisfied.class,
                Unsatisfied.Missing.class);
    }

    @Assertion(id = "infra-broken-not-served", strategy = "The expected deployment error is reported with the server's"
            + " reason (it names the unsatisfied injection point's class and type); the WAR's URL answers 404")
    void brokenDeploymentIsNotServed() {
        assertThat(DeploymentFailures.of(NAME)).contains(Unsatisfied.class.getName(), "Missing");
        assertThat(HttpTck.forName(NAME).get("api/whoami").status()).isEqualTo(404);
    }
}
