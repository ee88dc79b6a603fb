package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.discovery.Messages;
import dev.mizan.cdi.internal.model.ContextModel;
import dev.mizan.cdi.internal.model.FunctionModel;
import dev.mizan.cdi.internal.registry.Registry;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.validation.ConstraintDeclarationException;
import jakarta.validation.ConstraintDefinitionException;
import jakarta.validation.GroupDefinitionException;
import jakarta.validation.Validator;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Asks Bean Validation at deployment whether it accepts the parameter constraints of each operation:
 * it refuses some declarations (a constraint added to an overriding method's parameter), and would
 * otherwise refuse them on every call. Only the methods {@link ConstraintHints} keeps are asked, so the
 * validator builds metadata only for classes that declare constraints (docs/reference/annotations.md).
 */
public final class ConstraintDeclarations {

    private static final System.Logger LOG = System.getLogger(ConstraintDeclarations.class.getName());

    private ConstraintDeclarations() {
    }

    /**
     * @param bm       the bean manager, for the application's {@code Validator}
     * @param registry the operations
     * @return a numbered error per class whose constraints the validator refuses; none without a validator
     */
    public static List<DefinitionException> check(BeanManager bm, Registry registry) {
        Instance<Validator> validators = bm.createInstance().select(Validator.class);
        if (!validators.isResolvable()) {
            return List.of();
        }
        boolean xml = ConstraintHints.xmlConfigured(Thread.currentThread().getContextClassLoader());
        Set<Method> methods = new LinkedHashSet<>();
        registry.sortedContexts().stream().map(ContextModel::method).forEach(methods::add);
        registry.sortedFunctions().stream().map(FunctionModel::method).forEach(methods::add);
        Instance.Handle<Validator> handle = validators.getHandle();
        Validator validator;
        try {
            validator = handle.get();
        } catch (RuntimeException e) {
            // a server whose validator is not ready this early: the first call of each operation still asks it
            LOG.log(System.Logger.Level.DEBUG, "MZCDI01018: no Validator at deployment; constraints are checked on first use", e);
            return List.of();
        }
        try {
            List<DefinitionException> errors = new ArrayList<>();
            Set<Class<?>> refused = new HashSet<>();
            for (Method m : methods) {
                if (!refused.contains(m.getDeclaringClass()) && (xml || ConstraintHints.mayBeConstrained(m))) {
                    try {
                        ParameterValidation.constrains(validator, m);
                    } catch (ConstraintDeclarationException | ConstraintDefinitionException | GroupDefinitionException e) {
                        // the validator refuses the whole class (its message names the method): said once
                        refused.add(m.getDeclaringClass());
                        errors.add(Messages.constraintsRefused(m.getDeclaringClass().getName(), e.getMessage()));
                    } catch (RuntimeException e) {
                        // not a declaration the validator refuses, but a validator that cannot work yet (Open
                        // Liberty: "Validation not enabled for module" during deployment): first calls check
                        LOG.log(System.Logger.Level.DEBUG, "MZCDI01018: the Validator cannot be asked at deployment; constraints are checked on first use", e);
                        return errors;
                    }
                }
            }
            return errors;
        } finally {
            if (handle.getBean().getScope() == Dependent.class) {
                handle.destroy(); // a normal-scoped validator is the application's, to keep
            }
        }
    }
}
