package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.caller.PeekApplication;
import dev.mizan.tck.fixtures.caller.PeekResource;
import dev.mizan.tck.fixtures.caller.TallyApi;
import dev.mizan.tck.fixtures.caller.TenantResolver;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;

/**
 * docs/reference/spi.md: one caller for HTTP and in-process reads. A {@code UserResolver} names the
 * caller from a header; an HTTP read of a USER context and an in-process read through {@code Contexts}
 * in a request with the same header hit the same cached entry (the context counts its fills, so equal
 * bodies mean one entry), and another tenant gets its own.
 */
@MizanTck
class CallerTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-caller", TallyApi.class, TenantResolver.class, PeekResource.class, PeekApplication.class);
    }

    private Reply http(String tenant) {
        return HttpTck.of(base).ctx("tally", TenantResolver.HEADER, tenant);
    }

    private Reply inProcess(String tenant) {
        return HttpTck.of(base).get("app/peek", TenantResolver.HEADER, tenant);
    }

    @Assertion(id = "caller-one-source", strategy = "UserResolver names tenant-a: GET ctx/tally then an in-process read in "
            + "another request with the same header give the same fill; tenant-b gets another, seen alike over HTTP")
    void httpAndInProcessReadsSeeTheSameUser() {
        Reply first = http("a");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Mizan-Cache")).contains("miss");

        Reply peekA = inProcess("a");
        assertThat(peekA.status()).isEqualTo(200);
        assertThat(peekA.body()).as("in-process read of tenant-a's entry").isEqualTo(first.body());

        Reply peekB = inProcess("b");
        assertThat(peekB.status()).isEqualTo(200);
        assertThat(peekB.body()).as("tenant-b has its own entry").isNotEqualTo(first.body());

        Reply httpB = http("b");
        assertThat(httpB.header("Mizan-Cache")).contains("hit");
        assertThat(httpB.body()).as("HTTP read of tenant-b's entry, filled in-process").isEqualTo(peekB.body());
    }

    @Assertion(id = "caller-resolver-declines", strategy = "Without the header the resolver declines: the container's "
            + "principal (Basic alice) is the caller for HTTP and in-process reads alike")
    void aDecliningResolverFallsBackToTheContainer() {
        Reply http = HttpTck.of(base).basic("alice").ctx("tally");
        assertThat(http.status()).isEqualTo(200);
        Reply peek = HttpTck.of(base).basic("alice").get("app/peek");
        assertThat(peek.status()).isEqualTo(200);
        assertThat(peek.body()).isEqualTo(http.body());
    }
}
