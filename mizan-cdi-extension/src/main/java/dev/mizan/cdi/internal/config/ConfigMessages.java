package dev.mizan.cdi.internal.config;

import jakarta.enterprise.inject.spi.DeploymentException;

/**
 * Every configuration and deployment problem Mizan reports, one method each, numbered (range
 * MZCDI00100–00199, see message-ranges.txt and docs/reference/messages.md). Never a secret's value.
 */
public final class ConfigMessages {

    /** The rule for {@code mizan.secret}, said the same way wherever it is said. */
    public static final String SECRET_RULE = "at least 16 bytes (32 random bytes recommended), the same on every node";

    private ConfigMessages() {
    }

    private static DeploymentException problem(int id, String text) {
        return new DeploymentException(String.format("MZCDI%05d: %s", id, text));
    }

    public static DeploymentException secretMissing() {
        return problem(100, MizanConfig.SECRET + " is not set. Set it (" + SECRET_RULE + ") in MicroProfile Config, "
                + "e.g. the environment variable MIZAN_SECRET, or set " + MizanConfig.DEV + "=true for development");
    }

    public static DeploymentException secretTooShort(String key, int bytes) {
        return problem(101, key + " is " + bytes + " bytes long; it must be " + SECRET_RULE);
    }

    public static String notPositive(String key, String value) {
        return String.format("MZCDI%05d: %s = '%s' is not a positive whole number", 102, key, value);
    }

    public static String notDuration(String key, String value) {
        return String.format("MZCDI%05d: %s = '%s' is not an ISO-8601 duration (e.g. PT30S)", 103, key, value);
    }

    public static String notPositiveDuration(String key, String value) {
        return String.format("MZCDI%05d: %s = '%s' is shorter than one millisecond", 104, key, value);
    }

    public static String tooLongDuration(String key, String value) {
        return String.format("MZCDI%05d: %s = '%s' is too long to count in milliseconds", 108, key, value);
    }

    public static DeploymentException notHeaderName(String key, String value) {
        return problem(105, key + " = '" + value + "' is not an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)");
    }

    public static String notBoolean(String key, String value) {
        return String.format("MZCDI%05d: %s = '%s' is not a boolean (true, yes, on, 1 / false, no, off, 0)", 106, key, value);
    }

    public static DeploymentException notOrigin(String key, String value) {
        return problem(107, key + " lists '" + value + "', which is not an origin: write scheme://host[:port],"
                + " e.g. https://app.example.com (no path, no wildcard)");
    }

    public static DeploymentException noMicroProfileConfig() {
        return problem(110, "Mizan reads its settings through MicroProfile Config, which this server does not provide "
                + "(org.eclipse.microprofile.config.ConfigProvider is not visible to the application). Enable it "
                + "(Open Liberty: the mpConfig-3.1 feature; WildFly: the microprofile-config-smallrye subsystem) "
                + "or add a MicroProfile Config implementation such as io.smallrye.config:smallrye-config to WEB-INF/lib");
    }

    public static DeploymentException backendMissing(String name, String artifact, String available) {
        return problem(111, MizanConfig.CACHE_BACKEND + "=" + name + " needs " + artifact
                + " in WEB-INF/lib: add that dependency to the application. Backends available now: " + available);
    }

    public static DeploymentException backendUnknown(String name, String suggestion, String available) {
        return problem(111, MizanConfig.CACHE_BACKEND + "=" + name + " names no cache backend"
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")
                + " Available: " + available + " (a jar adds one by registering a dev.mizan.spi.CacheBackendFactory"
                + " in META-INF/services)");
    }

    public static DeploymentException backendFailed(String name, Throwable cause) {
        DeploymentException e = problem(112, "the cache backend '" + name + "' could not start: " + cause.getMessage());
        e.initCause(cause);
        return e;
    }

    public static DeploymentException badValue(String message) {
        return new DeploymentException(message);
    }
}
