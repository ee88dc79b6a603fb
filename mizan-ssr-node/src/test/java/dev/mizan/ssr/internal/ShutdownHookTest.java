package dev.mizan.ssr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hook is registered with the JVM, and gone again after {@code remove()} (what {@code @PreDestroy} does on undeploy). */
class ShutdownHookTest {

    @Test
    void installRegistersTheHook() {
        ShutdownHook hook = ShutdownHook.install(() -> { });
        assertThat(Runtime.getRuntime().removeShutdownHook(hook.thread())).as("was registered").isTrue();
    }

    @Test
    void removeUnregistersItSoTheJvmKeepsNoReferenceToTheApplication() {
        ShutdownHook hook = ShutdownHook.install(() -> { });
        hook.remove();
        assertThat(Runtime.getRuntime().removeShutdownHook(hook.thread())).as("still registered").isFalse();
        hook.remove(); // twice is harmless
    }
}
