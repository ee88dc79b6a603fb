package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Locale;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.session.SessionStarterServlet;
import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;

/**
 * docs/reference/security.md ("What the deployer must configure"): the session cookie a login rotates keeps
 * the attributes the application's {@code <cookie-config>} declares, whoever writes it (the server, or
 * Mizan where the server drops it).
 */
@MizanTck
class SessionCookieConfigTest {

    private static final String ALICE = "{\"username\":\"alice\",\"password\":\"alice-pw\"}";

    /** The security guide's session-config, less {@code Secure} (the TCK speaks plain HTTP). */
    private static final String WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <session-config>
                <cookie-config>
                  <http-only>true</http-only>
                  <attribute><attribute-name>SameSite</attribute-name><attribute-value>Lax</attribute-value></attribute>
                </cookie-config>
                <tracking-mode>COOKIE</tracking-mode>
              </session-config>
            </web-app>
            """;

    private static final String GLASSFISH_WEB_XML = """
            <glassfish-web-app>
              <session-config>
                <cookie-properties>
                  <property name="cookieSameSite" value="Lax"/>
                </cookie-properties>
              </session-config>
            </glassfish-web-app>
            """;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-session-cookie", Shop.CLASSES).addClass(SessionStarterServlet.class)
                .setWebXML(new StringAsset(WEB_XML))
                // neither WildFly nor Payara applies the SameSite <attribute> itself (docs/reference/security.md): each
                // has its own file, which the other runtimes ignore
                .addAsWebInfResource(new StringAsset("samesite-cookie(mode=Lax, cookie-pattern=JSESSIONID)\n"),
                        "undertow-handlers.conf")
                .addAsWebInfResource(new StringAsset(GLASSFISH_WEB_XML), "glassfish-web.xml");
    }

    @Assertion(id = "session-cookie-config-kept", strategy = "After a @SessionInit login over an existing session, the "
            + "response's new JSESSIONID cookie carries the cookie-config's HttpOnly and SameSite=Lax")
    void loginCookieKeepsTheConfiguredAttributes() {
        HttpTck http = HttpTck.of(base);
        assertThat(http.get("start-session?mark=c1").body()).isEqualTo("started");
        String before = http.cookie("JSESSIONID").orElseThrow(() -> new AssertionError("no JSESSIONID before login"));
        http.csrfToken();
        Reply login = http.call("login", ALICE);
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        List<String> session = login.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=") && !c.startsWith("JSESSIONID=" + before + ";")).toList();
        assertThat(session).as("the login's Set-Cookie headers: %s", login.headers().allValues("set-cookie")).hasSize(1);
        String cookie = session.get(0).toLowerCase(Locale.ROOT).replace(" ", "");
        assertThat(cookie).as(session.get(0)).contains(";httponly").contains(";samesite=lax");
    }
}
