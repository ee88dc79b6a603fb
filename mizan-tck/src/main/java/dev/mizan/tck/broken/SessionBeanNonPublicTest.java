package dev.mizan.tck.broken;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.broken.PackagePrivateSessionBean;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.arquillian.DeploymentFailures;

/**
 * docs/reference/annotations.md, "Session beans", definition error: a Mizan method of a session bean that is
 * not public, which the EJB container does not run (it answered every read with 500). The deployment must
 * fail (Arquillian checks the {@link DeploymentException}); the test then checks the failure is this one (MZCDI00016, naming the method) and that nothing was left serving.
 */
@MizanTck
class SessionBeanNonPublicTest {

    private static final String NAME = "tck-broken-session-non-public";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        return Deployments.war(NAME, PackagePrivateSessionBean.class);
    }

    @Assertion(id = "definition-session-bean-non-public", strategy = "Deployment fails with a definition error: a Mizan"
            + " method of a session bean that is not public; the failure carries MZCDI00016 naming the method; its URLs answer 404")
    void deploymentFails() {
        assertThat(DeploymentFailures.of(NAME)).contains(
                "MZCDI00016: " + PackagePrivateSessionBean.class.getName() + "#notBusiness");
        assertThat(HttpTck.forName(NAME).get("mizan/ctx/notBusiness").status()).isEqualTo(404);
    }
}
