package dev.mizan.cdi.internal.runtime;

import dev.mizan.Invalidation;
import dev.mizan.cdi.internal.model.ContextModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import static dev.mizan.cdi.internal.json.JsonProviders.JSON;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/** The injectable {@link Invalidation}: run-time purges, recorded like {@code @Invalidates}. */
@ApplicationScoped
public class DefaultInvalidation implements Invalidation {

    @Inject
    MizanRuntime rt;
    @Inject
    Purger purger;

    @Override
    public void context(String context) {
        context(context, Map.of());
    }

    @Override
    public void context(String context, Map<String, ?> params) {
        ContextModel ctx = rt.registry().context(context)
                .orElseThrow(() -> UnknownNames.contextArgument(context, rt.registry()));
        JsonObjectBuilder b = JSON.createObjectBuilder();
        params.forEach((name, value) -> {
            if (ctx.param(name).isEmpty()) {
                throw new IllegalArgumentException("MZCDI01012: context '" + context + "' has no param '" + name + "'");
            }
            b.add(name, value == null ? JsonValue.NULL : purger.counters().toJsonFor(ctx, name, value));
        });
        JsonObject json = b.build();
        purger.submit(context, List.copyOf(params.keySet()), json);
    }

    @Override
    public void user(String user) {
        purger.purgeUserAndTell(user);
    }
}
