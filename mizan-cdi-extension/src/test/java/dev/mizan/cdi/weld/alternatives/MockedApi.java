package dev.mizan.cdi.weld.alternatives;

import dev.mizan.MizanContext;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;

/** An alternative through a stereotype, not enabled. */
@Mock
@ApplicationScoped
public class MockedApi {

    @MizanContext(value = "altMocked", scope = Scope.PUBLIC)
    public String mocked() {
        return "mocked";
    }
}
