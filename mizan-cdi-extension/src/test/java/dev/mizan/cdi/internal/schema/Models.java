package dev.mizan.cdi.internal.schema;

import static dev.mizan.cdi.internal.schema.SchemaCheck.parse;

import dev.mizan.Scope;
import dev.mizan.cdi.internal.model.Access;
import dev.mizan.cdi.internal.model.CachePolicy;
import dev.mizan.cdi.internal.model.ContextModel;
import dev.mizan.cdi.internal.model.FunctionModel;
import dev.mizan.cdi.internal.model.InvalidationModel;
import dev.mizan.cdi.internal.model.ParamModel;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Registry models like the extension builds, for the document tests (no method or invoker needed). */
final class Models {

    static final ParamModel LIST = new ParamModel("list", 0, long.class, true, false,
            parse("{\"type\":\"integer\",\"format\":\"int64\"}"));
    static final ParamModel TITLE = new ParamModel("title", 1, String.class, true, true, parse("{\"type\":\"string\"}"));

    private Models() {
    }

    static ContextModel todos(Duration maxAge) {
        return new ContextModel("todos", Scope.USER,
                new CachePolicy(maxAge, Duration.ZERO, Duration.ZERO, Duration.ZERO, true), List.of(LIST),
                List.class, parse("{\"type\":\"array\",\"items\":{\"$ref\":\"#/types/Todo\"}}"),
                new Access(Access.Kind.ROLES, Set.of("user", "admin")), null, null);
    }

    static ContextModel catalog() {
        return new ContextModel("catalog", Scope.PUBLIC,
                new CachePolicy(Duration.ofSeconds(30), Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(1), true),
                List.of(), String.class, parse("{\"type\":\"string\"}"), new Access(Access.Kind.PERMIT_ALL, Set.of()), null, null);
    }

    static FunctionModel addTodo() {
        return new FunctionModel("addTodo", List.of(LIST, TITLE), Object.class, parse("{\"$ref\":\"#/types/Todo\"}"),
                Access.UNRESTRICTED, false, List.of(new InvalidationModel("todos", List.of("list"), List.of(0))), null, null);
    }

    static FunctionModel login() {
        return new FunctionModel("login", List.of(), void.class, parse("{\"type\":\"null\"}"),
                new Access(Access.Kind.PERMIT_ALL, Set.of()), true, List.of(), null, null);
    }
}
