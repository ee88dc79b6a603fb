package dev.mizan.ssr.internal;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * One worker process and its side of the protocol (docs/reference/protocol.md, "SSR worker protocol"):
 * one JSON request line in; one JSON header line and exactly {@code headLen + htmlLen} raw bytes out.
 * A write lock keeps one request in flight. A render only notes its deadline; the pool's watchdog
 * ({@link #expireIfLate}) kills the process when an answer is late, so a render arms no timer of its own.
 */
final class Worker {

    private static final int MAX_HEADER = 64 * 1024;
    /** How long a killed process may take to be gone, and its stderr to be read to the end. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    /**
     * The request buffer: a Linux pipe's capacity, so a request line up to that size leaves in one write
     * (the process's own stdin buffers 8 KB, and writes a page-sized part apart from what precedes it).
     */
    private static final int REQUEST_BUFFER = 64 * 1024;
    /** Looked up once: {@code Json.createReader} would search for a provider on every call. */
    private static final JsonReaderFactory JSON = Json.createReaderFactory(java.util.Map.of());
    /** {@code mizan.} or {@code mizan_}, after a profile's {@code %name.} or {@code _NAME_} if any. */
    private static final Pattern MIZAN_SETTING = Pattern.compile("(?:[%_][^.]*?[._])?mizan[._]", Pattern.CASE_INSENSITIVE);
    /**
     * A {@code -Dmizan.*} system property among JVM options ({@code JAVA_OPTS}, {@code JAVA_TOOL_OPTIONS},
     * {@code JDK_JAVA_OPTIONS}, a server's own): its value, quoted or not, up to the next blank.
     */
    private static final Pattern MIZAN_PROPERTY = Pattern.compile(
            "(?<=^|\\s)-D(?:%[^.\\s]*\\.)?mizan\\.[^\\s=]*(?:=(?:\"[^\"]*\"|'[^']*'|\\S*))?(?:\\s+|$)", Pattern.CASE_INSENSITIVE);

    private final Process process;
    private final OutputStream stdin;
    private final ReplyReader reader;
    private final ReentrantLock lock = new ReentrantLock();
    /** Completed when {@link #stderrPump} has read to the end. */
    private final CompletableFuture<Void> stderrDone = new CompletableFuture<>();
    private final Thread stderrPump;
    private final long bundleStamp;
    /** {@code System.nanoTime()} by which the render in flight must be answered; 0 when none is. */
    private final AtomicLong deadline = new AtomicLong();
    private volatile boolean timedOut;
    private int renders;

    private Worker(Process process, long bundleStamp) {
        this.process = process;
        this.stdin = new BufferedOutputStream(process.getOutputStream(), REQUEST_BUFFER);
        this.reader = new ReplyReader(process.getInputStream());
        this.bundleStamp = bundleStamp;
        this.stderrPump = pumpStderr(process, stderrDone);
    }

    /**
     * Starts a worker process and the thread that logs its stderr; {@link #awaitReady} then waits until
     * it has loaded the bundle. Two steps, so that the pool knows the process while it is still loading
     * and can end it when the pool closes meanwhile.
     *
     * @throws IOException when the process cannot start
     */
    static Worker launch(List<String> command, long bundleStamp) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().keySet().removeIf(Worker::mizanSetting);
        builder.environment().replaceAll((name, value) -> withoutMizanProperties(value));
        return new Worker(builder.start(), bundleStamp);
    }

    /**
     * Whether an environment variable may hold one of Mizan's own settings, which a worker does not get
     * (docs/how-to/ssr.md, "What a worker can read"): MicroProfile Config finds {@code mizan.secret} in the
     * environment as {@code mizan.secret}, {@code mizan_secret} or {@code MIZAN_SECRET}, and under a
     * profile as {@code %prod.mizan.secret} or {@code _PROD_MIZAN_SECRET}; matched in any case, as Windows
     * matches names.
     */
    static boolean mizanSetting(String name) {
        return MIZAN_SETTING.matcher(name).lookingAt();
    }

    /**
     * An environment variable's value without the {@code -Dmizan.*} system properties it holds: JVM options
     * such as {@code JAVA_OPTS="-Xmx1g -Dmizan.secret=..."} would hand the secret to the worker's
     * {@code process.env} (docs/how-to/ssr.md, "What a worker can read").
     */
    static String withoutMizanProperties(String value) {
        return value.indexOf("-D") < 0 ? value : MIZAN_PROPERTY.matcher(value).replaceAll("").stripTrailing();
    }

    /**
     * Waits for the worker's {@code {"ready":true}}.
     *
     * @throws IOException when it says it is not ready, is not ready in time, ends first, or the timer is
     *                     stopped (the pool is closing); the process is then killed
     */
    void awaitReady(ScheduledExecutorService timer, Duration startup) throws IOException {
        ScheduledFuture<?> watchdog = null;
        try {
            // inside the try: a timer that refuses the task (the pool is closing) must not leave the process running
            watchdog = timer.schedule(this::kill, startup.toMillis(), TimeUnit.MILLISECONDS);
            JsonObject ready = parse(reader.readLine(MAX_HEADER));
            if (!ready.getBoolean("ready", false)) {
                throw new IOException(describe(ready.getJsonObject("error")));
            }
        } catch (IOException | RuntimeException e) {
            kill();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    /**
     * Renders one page; the caller owns this worker (checked out of the pool) for the duration.
     *
     * <p>The render and the watchdog ({@link #expireIfLate}) both try to take the deadline back to 0, and
     * only one succeeds: when the watchdog did, it is killing the process, so an answer read meanwhile
     * counts as the timeout it is. Otherwise the kill would land on the next render this worker was given.
     */
    RenderResult render(long id, RenderRequest request, Duration timeout, long maxReply) throws RenderException {
        lock.lock();
        deadline.set(System.nanoTime() + timeout.toNanos() | 1); // never 0, which means idle
        try {
            RenderResult result = exchange(id, request, timeout, maxReply);
            claim(timeout);
            return result;
        } catch (RenderException e) {
            if (e.kind() == RenderException.Kind.ERROR) {
                claim(timeout); // the error reply of a worker the watchdog is killing: a timeout, and no worker to keep
            }
            throw e;
        } finally {
            deadline.set(0);
            lock.unlock();
        }
    }

    /** Takes the deadline back from the watchdog, or fails as the timeout the watchdog already acted on. */
    private void claim(Duration timeout) throws RenderException {
        if (deadline.getAndSet(0) == 0) {
            throw new RenderException(RenderException.Kind.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
        }
    }

    private RenderResult exchange(long id, RenderRequest request, Duration timeout, long maxReply) throws RenderException {
        try {
            renders++;
            request.writeTo(stdin, id);
            stdin.flush();
            JsonObject header = parse(reader.readLine(MAX_HEADER));
            if (header.getJsonNumber("id") == null || header.getJsonNumber("id").longValue() != id) {
                kill();
                throw new RenderException(RenderException.Kind.CRASH,
                        Messages.protocolError("expected the reply to request " + id + ", got " + header));
            }
            if (header.containsKey("error")) {
                throw new RenderException(RenderException.Kind.ERROR, describe(header.getJsonObject("error")));
            }
            long headLen = length(header, "headLen");
            long htmlLen = length(header, "htmlLen");
            // each checked on its own first: their sum can overflow, and an int cast of a huge length is negative
            if (headLen > maxReply || htmlLen > maxReply - headLen) {
                kill(); // the unread bytes would corrupt the next reply
                long size = htmlLen > Long.MAX_VALUE - headLen ? Long.MAX_VALUE : headLen + htmlLen;
                throw new RenderException(RenderException.Kind.CRASH, Messages.replyTooLarge(size, maxReply));
            }
            JsonNumber status = header.getJsonNumber("status");
            return new RenderResult(status == null ? 200 : status.intValue(),
                    reader.readBytes((int) headLen), reader.readBytes((int) htmlLen));
        } catch (ClassCastException e) {
            // a header that is JSON of the wrong shape (a string id, an error that is no object): the
            // worker is not trusted with another render, and the render fails as a crash, not as the
            // container's 500 with the worker lost to the pool
            kill();
            throw new RenderException(RenderException.Kind.CRASH, Messages.protocolError("a reply header of the wrong shape"));
        } catch (IOException | JsonException e) {
            kill();
            if (timedOut) {
                throw new RenderException(RenderException.Kind.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
            }
            throw new RenderException(RenderException.Kind.CRASH, e.getMessage());
        }
    }

    /**
     * Kills the process if the render in flight has passed its deadline (the render then fails as a
     * timeout). The compare-and-set ends only that render: one that has finished meanwhile is left alone.
     *
     * @param now {@code System.nanoTime()}
     */
    void expireIfLate(long now) {
        long d = deadline.get();
        if (d != 0 && now - d >= 0 && deadline.compareAndSet(d, 0)) {
            timedOut = true;
            kill();
        }
    }

    private static long length(JsonObject header, String name) throws IOException {
        JsonNumber n = header.getJsonNumber(name);
        if (n == null || n.longValue() < 0) {
            throw new IOException(Messages.protocolError("no " + name + " in " + header));
        }
        return n.longValue();
    }

    private static JsonObject parse(String line) throws IOException {
        try (JsonReader r = JSON.createReader(new StringReader(line))) {
            return r.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IOException(Messages.protocolError("not a JSON header line: " + abbreviate(line)), e);
        }
    }

    private static String describe(JsonObject error) {
        if (error == null) {
            return "no reason given";
        }
        String stack = error.getString("stack", null);
        return stack != null ? stack : error.getString("message", "no reason given");
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /**
     * Logs the worker's stderr (where the worker sends {@code console.*} and stray stdout) line by line,
     * each line cut at {@link LogLines#MAX_CHARS}: a bundle that writes megabytes without a newline must not
     * fill the JVM's heap.
     *
     * @param done completed once the stream has ended
     * @return the started thread
     */
    private static Thread pumpStderr(Process process, CompletableFuture<Void> done) {
        long pid = process.pid();
        Thread t = new Thread(() -> {
            try (InputStreamReader r = new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)) {
                LogLines.split(r, line -> Messages.workerOutput(pid, line));
            } catch (IOException e) {
                // the process ended
            } finally {
                done.complete(null);
            }
        }, "mizan-ssr-stderr-" + pid);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** @return how many renders this worker has been given */
    int renders() {
        return renders;
    }

    long bundleStamp() {
        return bundleStamp;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Runs {@code action} (on another thread) once the process has exited. */
    void onExit(Runnable action) {
        process.onExit().thenRun(action);
    }

    /** Runs {@code action} (on another thread) once the process has exited and its stderr is read to the end. */
    void onGone(Runnable action) {
        CompletableFuture.allOf(process.onExit(), stderrDone).thenRun(action);
    }

    /** Closes stdin: the worker finishes what it has and exits. */
    void retire() {
        try {
            stdin.close();
        } catch (IOException e) {
            kill();
        }
    }

    void kill() {
        process.destroyForcibly();
    }

    /**
     * Waits for the process to exit, killing it if it has not within {@code grace}, and then until its
     * stderr has been logged to the end, so that neither the process nor its thread outlives the call.
     * An interrupt cuts the grace short (the process is killed at once), not the wait for the exit.
     *
     * @return whether it had to be killed
     */
    boolean awaitExit(Duration grace) {
        boolean killed = false;
        boolean interrupted = false;
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                killed = true;
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
            killed = true;
        }
        long end = System.nanoTime() + EXIT_WAIT.toNanos();
        interrupted |= waitUninterruptibly(() -> process.waitFor(end - System.nanoTime(), TimeUnit.NANOSECONDS), end);
        interrupted |= waitUninterruptibly(() -> {
            stderrPump.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            return !stderrPump.isAlive();
        }, end);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return killed;
    }

    /** Kills the process and waits until it and its stderr thread have ended. */
    void end() {
        kill();
        awaitExit(Duration.ZERO);
    }

    /**
     * Waits until {@code wait} is done or {@code end} ({@code System.nanoTime()}) has passed; an interrupt
     * does not cut it short. @return whether the thread was interrupted meanwhile (the caller restores it)
     */
    private static boolean waitUninterruptibly(Wait wait, long end) {
        boolean interrupted = false;
        while (true) {
            try {
                if (wait.done()) {
                    return interrupted;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (System.nanoTime() - end >= 0) {
                return interrupted;
            }
        }
    }

    @FunctionalInterface
    private interface Wait {
        boolean done() throws InterruptedException;
    }
}
