package dev.mizan.tck.shapes;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.shapes.HelloApi;
import dev.mizan.tck.fixtures.shapes.ListedApplication;
import dev.mizan.tck.fixtures.shapes.PingResource;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.MizanTck;

/** Shape (c): the app's own Application lists its classes in getClasses(). */
@MizanTck
class ListedApplicationShapeTest extends OwnApiContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-shape-listed", HelloApi.class, PingResource.class, ListedApplication.class);
    }

    @Override
    String mizanRoot() {
        return "mizan";
    }
}
