package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.infra.InfraApplication;
import dev.mizan.tck.fixtures.infra.WhoAmIResource;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;

/**
 * Proves the test bed without Mizan: the server deploys a WAR, the demo identity fixture authenticates
 * (Basic, Bearer, programmatic login kept in the session) and the TCK client reaches it. When these
 * fail, every other result is meaningless; fix the runtime's configuration first (README.md).
 */
@MizanTck
class InfrastructureTest {

    private static final String WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>secured</web-resource-name>
                  <url-pattern>/api/secured/*</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>user</role-name></auth-constraint>
              </security-constraint>
              <security-role><role-name>user</role-name></security-role>
              <security-role><role-name>admin</role-name></security-role>
            </web-app>
            """;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.plainWar("tck-infra", InfraApplication.class, WhoAmIResource.class)
                .addAsWebInfResource(new StringAsset(WEB_XML), "web.xml");
    }

    @Assertion(id = "infra-anonymous", strategy = "GET an unprotected resource without credentials: 200, anonymous")
    void anonymousRequestsPass() {
        Reply r = HttpTck.of(base).get("api/whoami");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("anonymous");
    }

    @Assertion(id = "infra-basic", strategy = "Basic alice/alice-pw: principal alice with role admin; bob lacks admin")
    void basicAuthentication() {
        HttpTck http = HttpTck.of(base);
        assertThat(http.basic("alice").get("api/whoami").body()).isEqualTo("alice|admin=true");
        assertThat(http.basic("bob").get("api/whoami").body()).isEqualTo("bob|admin=false");
    }

    @Assertion(id = "infra-basic-stateless", strategy = "A Basic request creates no session (no Set-Cookie)")
    void basicCreatesNoSession() {
        Reply r = HttpTck.of(base).basic("alice").get("api/whoami");
        assertThat(r.headers("Set-Cookie")).isEmpty();
    }

    @Assertion(id = "infra-basic-wrong", strategy = "Basic with a wrong password: 401")
    void wrongPasswordIsRefused() {
        assertThat(HttpTck.of(base).basic("alice", "nope").get("api/whoami").status()).isEqualTo(401);
    }

    @Assertion(id = "infra-protected-401", strategy = "A web.xml-protected URL without credentials: 401; with Basic: 200")
    void protectedWithoutCredentialsIs401() {
        HttpTck http = HttpTck.of(base);
        assertThat(http.get("api/secured/whoami").status()).isEqualTo(401);
        assertThat(http.basic("bob").get("api/secured/whoami").body()).isEqualTo("bob|admin=false");
    }

    @Assertion(id = "infra-bearer", strategy = "Bearer demo-bob: principal bob; Bearer junk: 401")
    void bearerAuthentication() {
        HttpTck http = HttpTck.of(base);
        assertThat(http.bearer("demo-bob").get("api/whoami").body()).isEqualTo("bob|admin=false");
        assertThat(http.bearer("junk").get("api/whoami").status()).isEqualTo(401);
    }

    @Assertion(id = "infra-programmatic-login",
            strategy = "SecurityContext.authenticate in a resource logs in for the session; logout ends it")
    void programmaticLoginIsKeptInTheSession() {
        HttpTck http = HttpTck.of(base);
        Reply login = http.post("api/login", "application/x-www-form-urlencoded", "username=alice&password=alice-pw");
        assertThat(login.body()).isEqualTo("ok");
        assertThat(http.get("api/whoami").body()).isEqualTo("alice|admin=true");
        assertThat(http.post("api/logout", "text/plain", "").body()).isEqualTo("ok");
        assertThat(http.get("api/whoami").body()).isEqualTo("anonymous");
    }

    @Assertion(id = "infra-programmatic-login-refused", strategy = "A wrong password in programmatic login: refused, anonymous")
    void programmaticLoginRefused() {
        HttpTck http = HttpTck.of(base);
        Reply login = http.post("api/login", "application/x-www-form-urlencoded", "username=bob&password=x");
        assertThat(login.body()).isEqualTo("refused");
        assertThat(http.get("api/whoami").body()).isEqualTo("anonymous");
    }
}
