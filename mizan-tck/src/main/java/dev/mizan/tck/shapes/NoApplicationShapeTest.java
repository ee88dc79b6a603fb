package dev.mizan.tck.shapes;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.shapes.HelloApi;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.MizanTck;

/** Shape (a): no JAX-RS Application in the application at all. */
@MizanTck
class NoApplicationShapeTest extends ApplicationShapeContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-shape-none", HelloApi.class);
    }

    @Override
    String mizanRoot() {
        return "mizan";
    }

    @Override
    String foreignRoot() {
        return "api";
    }
}
