package dev.mizan.tck.shapes;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.shapes.HelloApi;
import dev.mizan.tck.fixtures.shapes.PingResource;
import dev.mizan.tck.fixtures.shapes.ScanningApplication;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.MizanTck;

/** Shape (b): the app's own @ApplicationPath("api") Application scans, so it also sees Mizan's @Path classes. */
@MizanTck
class ScanningApplicationShapeTest extends OwnApiContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-shape-scanning", HelloApi.class, PingResource.class, ScanningApplication.class);
    }

    @Override
    String mizanRoot() {
        return "mizan";
    }
}
