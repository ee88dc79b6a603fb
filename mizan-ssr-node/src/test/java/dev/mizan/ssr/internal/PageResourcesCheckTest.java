package dev.mizan.ssr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which resource methods the deployment check counts as pages (the check itself runs on WildFly: samples/hello-ssr-e2e). */
class PageResourcesCheckTest {

    @Path("/")
    public static class Shop {
        @GET
        public Page home() {
            return Page.of("home");
        }

        @POST
        @Path("checkout")
        public Page checkout() {
            return Page.of("checkout");
        }

        @GET
        @Path("api")
        public String json() {
            return "{}";
        }

        /** Not a resource method: no HTTP method annotation. */
        public Page helper() {
            return Page.of("x");
        }
    }

    @Path("api")
    public static class Api {
        @GET
        public String get() {
            return "{}";
        }
    }

    @Test
    void resourceMethodsReturningAPageAreFound() {
        assertThat(PageResourcesCheck.pageMethods(Set.of(Shop.class, Api.class))).containsExactly(
                Shop.class.getName() + "#checkout", Shop.class.getName() + "#home");
    }

    @Test
    void resourcesWithoutPagesAreNot() {
        assertThat(PageResourcesCheck.pageMethods(Set.of(Api.class))).isEmpty();
    }
}
