package dev.mizan.tck.shapes;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.shapes.HelloApi;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.MizanTck;

/** Shape (d): web.xml maps dev.mizan.jaxrs.MizanApplication to /rpc/*, moving Mizan off /mizan. */
@MizanTck
class WebXmlShapeTest extends ApplicationShapeContract {

    private static final String WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <servlet>
                <servlet-name>dev.mizan.jaxrs.MizanApplication</servlet-name>
              </servlet>
              <servlet-mapping>
                <servlet-name>dev.mizan.jaxrs.MizanApplication</servlet-name>
                <url-pattern>/rpc/*</url-pattern>
              </servlet-mapping>
            </web-app>
            """;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-shape-webxml", HelloApi.class)
                .addAsWebInfResource(new StringAsset(WEB_XML), "web.xml");
    }

    @Override
    String mizanRoot() {
        return "rpc";
    }

    @Override
    String foreignRoot() {
        return "mizan";
    }
}
