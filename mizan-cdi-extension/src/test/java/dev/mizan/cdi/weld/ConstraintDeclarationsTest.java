package dev.mizan.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mizan.MizanException;
import dev.mizan.cdi.weld.broken.StrengthenedParam;
import dev.mizan.cdi.weld.valid.ConstrainedGreeting;
import dev.mizan.cdi.weld.valid.ValidatorProducer;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

/** docs/reference/annotations.md: parameter constraints Bean Validation refuses fail the deployment, not every call. */
class ConstraintDeclarationsTest {

    @Test
    void aConstraintAddedToAnImplementedMethodFailsTheDeployment() {
        Throwable t = catchThrowable(() -> WeldBed.start(StrengthenedParam.class, ValidatorProducer.class).close());
        assertThat(t).isInstanceOf(DeploymentException.class);
        String messages = WeldBed.messages(t);
        assertThat(messages).contains("MZCDI00023: dev.mizan.cdi.weld.broken.StrengthenedParam: Bean Validation refuses"
                + " the constraints of this class's operations: HV000151: A method overriding another method must not redefine"
                + " the parameter constraint configuration, but method StrengthenedParam#greet(String)");
        // the validator refuses the whole class, for each of its methods: said once
        assertThat(messages.lines().filter(l -> l.contains("MZCDI00023")).map(l -> l.substring(l.indexOf("MZCDI00023"))).distinct())
                .hasSize(1);
    }

    @Test
    void acceptedConstraintsDeployAndAreChecked() {
        try (SeContainer cdi = WeldBed.start(ConstrainedGreeting.class, ValidatorProducer.class)) {
            assertThatThrownBy(() -> WeldBed.call(cdi, "greet", Json.createObjectBuilder().add("name", " ").build()))
                    .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("invalid_params"));
            assertThat(WeldBed.call(cdi, "greet", Json.createObjectBuilder().add("name", "ada").build()).json()).isEqualTo("\"hi ada\"");
        }
    }
}
