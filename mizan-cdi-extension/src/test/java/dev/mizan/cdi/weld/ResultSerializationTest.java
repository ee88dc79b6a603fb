package dev.mizan.cdi.weld;

import static dev.mizan.cdi.weld.TestCallers.ANONYMOUS;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.cdi.internal.engine.InternalFailure;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.weld.valid.UnwritableApi;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A result JSON-B cannot write is the application's bug: a logged 500 internal (an {@link InternalFailure}),
 * not the JsonbException that the HTTP layer answers as the client's 400 bad_request.
 */
class ResultSerializationTest {

    @Test
    void aReadOrACallWhoseResultCannotBeWrittenIsAnInternalFailure() {
        WeldBed.with(Map.of(), cdi -> {
            MizanEngine engine = cdi.select(MizanEngine.class).get();
            assertThatThrownBy(() -> engine.read("unwritable", Map.of(), ANONYMOUS)).isInstanceOf(InternalFailure.class);
            RequestContextController rc = cdi.select(RequestContextController.class).get();
            rc.activate();
            try {
                assertThatThrownBy(() -> engine.call("makeUnwritable", Json.createObjectBuilder().build(), ANONYMOUS))
                        .isInstanceOf(InternalFailure.class);
            } finally {
                rc.deactivate();
            }
        }, UnwritableApi.class);
    }
}
