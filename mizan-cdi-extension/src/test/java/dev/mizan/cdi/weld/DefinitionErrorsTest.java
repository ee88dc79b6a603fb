package dev.mizan.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.cdi.weld.broken.BadDuration;
import dev.mizan.cdi.weld.broken.DuplicateName;
import dev.mizan.cdi.weld.broken.FinalInvalidates;
import dev.mizan.cdi.weld.broken.FinalOnNormalScope;
import dev.mizan.cdi.weld.broken.PrivateInvalidates;
import dev.mizan.cdi.weld.broken.StaticInvalidates;
import dev.mizan.cdi.weld.broken.ImplementedWithoutAnnotations;
import dev.mizan.cdi.weld.broken.OverriddenWithRoles;
import dev.mizan.cdi.weld.broken.SessionInitAlone;
import dev.mizan.cdi.weld.broken.TypedOutOfReach;
import dev.mizan.cdi.weld.broken.UnbindableParams;
import dev.mizan.cdi.weld.broken.InvalidatesMissingParam;
import dev.mizan.cdi.weld.broken.InvalidatesParamTwice;
import dev.mizan.cdi.weld.broken.InvalidatesParamType;
import dev.mizan.cdi.weld.broken.JsonValueReturn;
import dev.mizan.cdi.weld.broken.MalformedName;
import dev.mizan.cdi.weld.broken.MapKeyParam;
import dev.mizan.cdi.weld.broken.ObjectParam;
import dev.mizan.cdi.weld.broken.PublicWithRoles;
import dev.mizan.cdi.weld.broken.TwoErrors;
import dev.mizan.cdi.weld.broken.UnknownInvalidates;
import dev.mizan.cdi.weld.broken.UserWithEdge;
import dev.mizan.cdi.weld.broken.VoidContext;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.weld.valid.ReannotatedItems;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Every definition error of docs/reference/annotations.md fails the deployment with a message naming the method. */
class DefinitionErrorsTest {

    private static final String P = "dev.mizan.cdi.weld.broken.";

    private static String failure(Class<?> bean) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> WeldBed.start(bean).close());
        assertThat(t).as("deploying %s must fail", bean.getSimpleName()).isInstanceOf(DeploymentException.class);
        return WeldBed.messages(t);
    }

    @Test
    void malformedName() {
        assertThat(failure(MalformedName.class)).contains("MZCDI00001: " + P
                + "MalformedName#ctx: name '9lives' is malformed; names match [A-Za-z][A-Za-z0-9_]*");
    }

    @Test
    void duplicateName() {
        assertThat(failure(DuplicateName.class)).containsPattern("MZCDI00002: " + P.replace(".", "\\.")
                + "DuplicateName#[ab]: name 'same' is already used by " + P.replace(".", "\\.") + "DuplicateName#[ab]");
    }

    @Test
    void unknownContextSuggestsNearest() {
        assertThat(failure(UnknownInvalidates.class)).contains("MZCDI00003: " + P
                + "UnknownInvalidates#add: @Invalidates names unknown context 'todo'; did you mean 'todos'?");
    }

    @Test
    void invalidatesParamTheContextLacks() {
        assertThat(failure(InvalidatesMissingParam.class)).contains("MZCDI00004: " + P
                + "InvalidatesMissingParam#add: @Invalidates(\"todos\") lists param 'owner', which context 'todos' does not declare");
    }

    @Test
    void invalidatesParamOfAnotherType() {
        assertThat(failure(InvalidatesParamType.class)).contains("MZCDI00006: " + P
                + "InvalidatesParamType#add: @Invalidates(\"todos\") param 'list' has type java.lang.String here but long in the context");
    }

    @Test
    void invalidatesParamListedTwice() {
        assertThat(failure(InvalidatesParamTwice.class)).contains("MZCDI00024: " + P
                + "InvalidatesParamTwice#add: @Invalidates(\"todos\") lists param 'list' twice");
    }

    @Test
    void objectParam() {
        assertThat(failure(ObjectParam.class)).contains("MZCDI00007: " + P
                + "ObjectParam#anything: parameter 'value' has an unsupported type: ");
    }

    @Test
    void jsonValueReturn() {
        assertThat(failure(JsonValueReturn.class)).contains("MZCDI00008: " + P + "JsonValueReturn#raw: unsupported return type: ");
    }

    @Test
    void nonStringMapKey() {
        assertThat(failure(MapKeyParam.class)).contains("MZCDI00007: " + P
                + "MapKeyParam#byId: parameter 'm' has an unsupported type: ");
    }

    @Test
    void voidContext() {
        assertThat(failure(VoidContext.class)).contains("MZCDI00010: " + P
                + "VoidContext#nothing: a @MizanContext must return a value, not void");
    }

    @Test
    void userWithEdgeMaxAge() {
        assertThat(failure(UserWithEdge.class)).contains("MZCDI00011: " + P
                + "UserWithEdge#mine: a Scope.USER context must not set edgeMaxAge (user data is never edge-cached)");
    }

    @Test
    void publicWithRolesAllowed() {
        assertThat(failure(PublicWithRoles.class)).contains("MZCDI00012: " + P
                + "PublicWithRoles#open: a Scope.PUBLIC context must not carry @RolesAllowed (use Scope.USER, or @PermitAll)");
    }

    @Test
    void invalidatesOnFinalMethod() {
        assertThat(failure(FinalInvalidates.class)).contains("MZCDI00013: " + P
                + "FinalInvalidates#add: @Invalidates on a final method cannot work: the method is not intercepted");
    }

    @Test
    void invalidatesOnPrivateOrStaticMethod() {
        assertThat(failure(PrivateInvalidates.class)).contains("MZCDI00013: " + P
                + "PrivateInvalidates#add: @Invalidates on a private method cannot work: the method is not intercepted");
        assertThat(failure(StaticInvalidates.class)).contains("MZCDI00013: " + P
                + "StaticInvalidates#add: @Invalidates on a static method cannot work: the method is not intercepted");
    }

    @Test
    void malformedDuration() {
        assertThat(failure(BadDuration.class)).contains("MZCDI00014: " + P
                + "BadDuration#slow: maxAge = '30 seconds' is not an ISO-8601 duration (e.g. PT30S)");
    }

    @Test
    void everyErrorOfOneDeploymentIsReported() {
        assertThat(failure(TwoErrors.class))
                .contains("MZCDI00010: " + P + "TwoErrors#nothing")
                .contains("MZCDI00011: " + P + "TwoErrors#mine");
    }

    @Test
    void errorsOfSeveralBeansAreReportedTogether() {
        assertThatThrownBy(() -> WeldBed.start(VoidContext.class, UserWithEdge.class).close())
                .isInstanceOf(DeploymentException.class)
                .satisfies(t -> {
                    String all = t.getMessage() + (t.getCause() == null ? "" : t.getCause().getMessage());
                    assertThat(all).contains("VoidContext#nothing").contains("UserWithEdge#mine");
                });
    }

    @Test
    void aMizanMethodOverriddenWithoutItsAnnotations() {
        // the override runs: its @RolesAllowed must not be lost behind the superclass's unrestricted context
        String messages = failure(OverriddenWithRoles.class);
        assertThat(messages).contains("MZCDI00022: " + P + "ReportBase#report: is overridden by " + P
                + "OverriddenWithRoles#report, which is what runs; an overridden method's annotations do not carry over,"
                + " so repeat its Mizan and role annotations on the override");
        assertThat(messages).contains("MZCDI00022: " + P + "ReportBase#wipe: is overridden by " + P + "OverriddenWithRoles#wipe");
    }

    @Test
    void anInterfaceMethodImplementedWithoutItsAnnotations() {
        // a container lists no abstract interface method: without this check, the context would be missing and the purge silent
        String messages = failure(ImplementedWithoutAnnotations.class);
        assertThat(messages).contains("MZCDI00022: " + P + "ItemsApi#listed: is overridden by " + P
                + "ImplementedWithoutAnnotations#listed, which is what runs");
        assertThat(messages).contains("MZCDI00022: " + P + "ItemsApi#add: is overridden by " + P + "ImplementedWithoutAnnotations#add");
    }

    @Test
    void anInterfaceMethodImplementedWithItsAnnotationsIsNoError() {
        try (SeContainer cdi = WeldBed.start(ReannotatedItems.class)) {
            assertThat(cdi.select(MizanEngine.class).get().schema().getJsonArray("contexts").getValuesAs(JsonObject.class))
                    .extracting(o -> o.getString("name")).containsExactly("items", "listed");
        }
    }

    @Test
    void aFinalMethodOfANormalScopedBean() {
        assertThat(failure(FinalOnNormalScope.class)).contains("MZCDI00016: " + P
                + "FinalOnNormalScope#fin: a Mizan method must not be final, as the client proxy of a normal-scoped bean must override it");
    }

    @Test
    void aNormalScopedBeanWhoseTypesLeaveOutItsClass() {
        assertThat(failure(TypedOutOfReach.class)).contains("MZCDI00016: " + P
                + "TypedOutOfReach#typed: a Mizan method must not be on a bean whose types leave out " + P + "TypedOutOfReach"
                + " and every interface that declares it, so its contextual reference cannot run it: name the class, or an"
                + " interface that declares it, in @Typed");
    }

    @Test
    void sessionInitAloneIsReportedWithTheOtherErrors() {
        String messages = failure(SessionInitAlone.class);
        assertThat(messages).contains("MZCDI00017: " + P + "SessionInitAlone#login: @SessionInit only applies to a @MizanFunction");
        assertThat(messages).contains("MZCDI00001: " + P + "SessionInitAlone#bad: name '9bad' is malformed");
    }

    @Test
    void aParamTypeJsonbCannotFill() {
        String messages = failure(UnbindableParams.class);
        assertThat(messages).contains("MZCDI00007: " + P + "UnbindableParams#near: parameter 'p' has an unsupported type: "
                + P + "UnbindableParams$Point has no public or protected no-argument constructor and no @JsonbCreator,"
                + " so JSON-B cannot create it");
        assertThat(messages).contains("MZCDI00007: " + P + "UnbindableParams#find: parameter 'f' has an unsupported type:"
                + " property 'q' of " + P + "UnbindableParams$Filter has no setter and no public field");
    }
}
