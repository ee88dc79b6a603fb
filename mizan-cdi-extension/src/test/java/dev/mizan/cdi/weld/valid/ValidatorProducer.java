package dev.mizan.cdi.weld.valid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

/** Gives Weld SE the Validator bean a Jakarta EE server has. */
@ApplicationScoped
public class ValidatorProducer {
    @Produces @ApplicationScoped ValidatorFactory factory() { return Validation.buildDefaultValidatorFactory(); }
    @Produces @ApplicationScoped jakarta.validation.Validator validator(ValidatorFactory factory) { return factory.getValidator(); }
    void close(@Disposes ValidatorFactory factory) { factory.close(); }
}
