package dev.mizan.ssr.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Every message {@code mizan-ssr-node} shows a user, each with its id from the module's range in
 * {@code message-ranges.txt} (MZSSR00001-00099 configuration, MZSSR01000-01999 runtime).
 * Methods that describe a failure return the exception; the others log.
 */
final class Messages {

    static final Logger LOG = System.getLogger("dev.mizan.ssr");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Messages() {
    }

    static IllegalStateException bundleMissing(Path bundle) {
        return new IllegalStateException("MZSSR00001: mizan.ssr.bundle names " + bundle
                + ", which does not exist or is not a file");
    }

    static IllegalStateException bundleResourceMissing(String resource) {
        return new IllegalStateException("MZSSR00002: mizan.ssr.bundle names the class-path resource '" + resource
                + "', which the application does not contain");
    }

    static String badSetting(String key, String value, String expected) {
        return "MZSSR00003: mizan." + key + "='" + value + "' is not " + expected;
    }

    static String pagesWithoutBundle(List<String> methods) {
        return "MZSSR00006: " + String.join(", ", methods) + (methods.size() == 1 ? " returns" : " return")
                + " a Page, but server-side rendering is off: set mizan.ssr.bundle (docs/how-to/ssr.md)";
    }

    static IllegalStateException workerScriptMissing() {
        return new IllegalStateException("MZSSR00004: the worker script is missing from the mizan-ssr-node jar");
    }

    static IllegalStateException extractFailed(Exception cause) {
        return new IllegalStateException("MZSSR00005: could not write the SSR worker files to a temporary directory: "
                + cause.getMessage(), cause);
    }

    static void poolStarting(int size, String command, String bundle) {
        LOG.log(Level.INFO, "MZSSR01000: starting {0} SSR worker(s): {1} <worker> {2}", size, command, bundle);
    }

    static void workerStartFailed(String reason, Duration backoff) {
        LOG.log(Level.WARNING, "MZSSR01001: an SSR worker could not start ({0}); trying again in {1} ms",
                reason, Long.toString(backoff.toMillis()));
    }

    static void workerDied(long pid, String reason) {
        LOG.log(Level.WARNING, "MZSSR01002: SSR worker {0} ended ({1}); replacing it", Long.toString(pid), reason);
    }

    static void workerTimedOut(long pid, Duration timeout) {
        LOG.log(Level.WARNING, "MZSSR01003: SSR worker {0} did not answer within {1} ms; killed, replacing it",
                Long.toString(pid), Long.toString(timeout.toMillis()));
    }

    static void renderFailedFallback(String entry, String reason) {
        LOG.log(Level.WARNING, "MZSSR01004: rendering page ''{0}'' failed ({1}); sent the client-rendered shell",
                entry, reason);
    }

    static void renderFailedNoFallback(String entry, String reason) {
        LOG.log(Level.WARNING, "MZSSR01005: rendering page ''{0}'' failed ({1}); mizan.ssr.fail-open=false, answered 503",
                entry, reason);
    }

    static void workerOutput(long pid, String line) {
        LOG.log(Level.INFO, "MZSSR01006: [ssr worker {0}] {1}", Long.toString(pid), line);
    }

    static void bundleChanged(String bundle) {
        LOG.log(Level.INFO, "MZSSR01007: {0} changed (mizan.dev=true); replacing every SSR worker", bundle);
    }

    static void poolStopped(int killed) {
        LOG.log(Level.INFO, "MZSSR01008: SSR pool stopped ({0} worker(s) had to be killed)", killed);
    }

    static void prefetchFailed(String context, String code) {
        LOG.log(Level.DEBUG, "MZSSR01009: prefetching context ''{0}'' for a page failed: {1}", context, code);
    }

    static String noWorker(Duration wait) {
        return "MZSSR01010: no SSR worker became free within " + wait.toMillis() + " ms";
    }

    static String noWorkerStarts() {
        return "MZSSR01016: no SSR worker is running, and the last one started could not start (MZSSR01001 says why)";
    }

    static String poolStopped() {
        return "MZSSR01018: the SSR pool is stopped (the application is undeploying, or the JVM exiting)";
    }

    static String waitInterrupted() {
        return "MZSSR01019: the request's thread was interrupted while it waited for an SSR worker";
    }

    static String replyTooLarge(long size, long max) {
        return "MZSSR01011: the SSR reply of " + size + " bytes exceeds mizan.ssr.max-reply (" + max + ")";
    }

    static String ssrOff() {
        return "MZSSR01012: a resource returned a Page, but server-side rendering is off (set mizan.ssr.bundle)";
    }

    static String unavailable() {
        return "MZSSR01013: the page could not be rendered";
    }

    static String protocolError(String detail) {
        return "MZSSR01014: SSR worker protocol error: " + detail;
    }

    /** Logs the failure with its stack under a new id; @return the {@code 500 internal} the client gets */
    static PageFailure propsNotWritable(String entry, Throwable cause) {
        String id = newId();
        LOG.log(Level.ERROR, "MZSSR01015: the props of page '" + entry + "' cannot be written as JSON ("
                + cause.getClass().getName() + "); answered 500 internal, reference " + id, cause);
        return new PageFailure(id);
    }

    /** Logs the failure with its stack under a new id; @return the {@code 500 internal} the client gets */
    static PageFailure pageFailed(String entry, Throwable cause) {
        String id = newId();
        LOG.log(Level.ERROR, "MZSSR01017: page '" + entry + "' failed (" + cause.getClass().getName()
                + "); answered 500 internal, reference " + id, cause);
        return new PageFailure(id);
    }

    /** @return a random reference, 16 hex digits, as the core's ids for {@code 500 internal} */
    private static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
