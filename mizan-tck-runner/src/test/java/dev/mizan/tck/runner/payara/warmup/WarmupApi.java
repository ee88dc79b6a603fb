package dev.mizan.tck.runner.payara.warmup;

import jakarta.enterprise.context.ApplicationScoped;

import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Scope;
import dev.mizan.Invalidates;

/**
 * The one application of the Payara Micro warm-up boot (pom.xml, profile payara): deploying it loads the
 * server's classes that a TCK deployment uses (CDI with Mizan's extension, JAX-RS, JSON-B, interceptors),
 * so that the class-data archive written at the end of that boot holds them too.
 */
@ApplicationScoped
public class WarmupApi {

    @MizanContext(value = "greeting", scope = Scope.PUBLIC)
    public String greeting() {
        return "hello";
    }

    @MizanFunction
    @Invalidates("greeting")
    public void touch() {
    }
}
