package dev.mizan.cdi.internal.runtime;

/** Tells whether an optional API (JTA, Bean Validation, ...) is on the application's class path. */
public final class ClassPresence {

    private ClassPresence() {
    }

    /**
     * @param className a fully qualified class name
     * @return whether it loads from Mizan's class loader
     */
    public static boolean present(String className) {
        try {
            Class.forName(className, false, ClassPresence.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
