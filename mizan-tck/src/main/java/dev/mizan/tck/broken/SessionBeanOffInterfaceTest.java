package dev.mizan.tck.broken;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.broken.OffInterfaceBean;
import dev.mizan.tck.fixtures.broken.OffInterfaceView;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.arquillian.DeploymentFailures;

/**
 * docs/reference/annotations.md, "Session beans", definition error: a Mizan method of a session bean that no
 * business interface declares. The deployment must fail (Arquillian checks the {@link DeploymentException});
 * the test then checks the failure is this one (MZCDI00016, naming the method) and that nothing was left serving.
 */
@MizanTck
class SessionBeanOffInterfaceTest {

    private static final String NAME = "tck-broken-off-interface";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        return Deployments.war(NAME, OffInterfaceBean.class, OffInterfaceView.class);
    }

    @Assertion(id = "definition-session-bean-off-interface", strategy = "Deployment fails with a definition error: a Mizan"
            + " method of a session bean that no business interface declares; the failure carries MZCDI00016 naming the method; its URLs answer 404")
    void deploymentFails() {
        assertThat(DeploymentFailures.of(NAME)).contains(
                "MZCDI00016: " + OffInterfaceBean.class.getName() + "#hidden");
        assertThat(HttpTck.forName(NAME).get("mizan/ctx/hidden").status()).isEqualTo(404);
    }
}
