package dev.mizan.tck.runner.payara;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;

/**
 * Gives the Payara Micro adapter (3.1) what the other adapters do on their own.
 *
 * <ul>
 *   <li>A failed deployment is reported, with the server's reason. The adapter starts one Payara Micro per WAR and
 *       returns as soon as Micro prints "ready", even when the WAR failed to load (Micro then lists no
 *       application). Here an empty list of deployed servlets fails the deployment with a
 *       {@link DeploymentException} whose message carries Micro's SEVERE log records of that start, as the
 *       exceptions of WildFly's and Liberty's adapters carry the server's reason: the TCK's broken-deployment
 *       tests look for the message id there (docs/reference/messages.md).</li>
 *   <li>A deployment the adapter read too early is completed. The adapter polls Micro's output, takes Micro as
 *       started once the "Instance Configuration" record shows its HTTPS ports, and reads the {@code "Deployed"} list
 *       from that same snapshot, which can end in the middle of the record: it then returns no servlet for a WAR
 *       that Micro did deploy. When no servlet came back, the check waits (bounded) for Micro's "ready in" line and
 *       reads the list again from the whole record.</li>
 *   <li>The TCK's {@code mizan.tck.serverUrl} points at the instance just started, which listens on a
 *       random port, so the broken-deployment tests check the very server that refused the WAR.</li>
 * </ul>
 *
 * <p>Micro logs to its console only (no file handler in its {@code logging.properties}), and the adapter reads that
 * console and prints each line to {@code System.out} (its {@code outputToConsole}, on by default). So while a
 * deployment runs, {@code System.out} is a tee that keeps a copy of those lines. Should the adapter print nothing
 * there, the failure says so and the broken-deployment tests fail: they never pass without the server's text.
 */
public class PayaraMicroDeploymentCheck {

    @Inject
    private Instance<ProtocolMetaData> metaData;

    /** How long to wait for Micro's "ready in" line once the adapter returned without servlets. */
    private static final long READY_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(30);

    /** Micro's last start-up line: "Payara Micro 6.2025.10 #badassmicrofish (build 123) ready in 6,227 (ms)". */
    private static final Pattern READY = Pattern.compile("Payara Micro .* ready in [0-9,.]+ \\(ms\\)");

    /** The start of the list of deployed applications in Micro's "Instance Configuration" record. */
    private static final Pattern DEPLOYED = Pattern.compile("\"Deployed\"\\s*:\\s*\\[");

    /** What Micro printed during the deployment in progress; null outside one. */
    private volatile ByteArrayOutputStream output;

    /** Around the deployment (the adapter's start of Micro and the {@link AfterDeploy} check): copies System.out. */
    public void captureOutput(@Observes EventContext<DeployDeployment> context) {
        PrintStream console = System.out;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        output = copy;
        System.setOut(new PrintStream(new Tee(console, copy), true, Charset.defaultCharset()));
        try {
            context.proceed();
        } finally {
            System.setOut(console);
            output = null;
        }
    }

    /** Runs after every deployment, inside the deploy operation (so a throw counts as a deployment failure). */
    public void check(@Observes AfterDeploy event) throws DeploymentException {
        ProtocolMetaData md = metaData.get();
        List<HTTPContext> contexts = md == null ? List.of() : List.copyOf(md.getContexts(HTTPContext.class));
        if (contexts.isEmpty()) {
            throw new DeploymentException("Payara Micro reported no HTTP context for " + archiveName(event)
                    + serverReason());
        }
        HTTPContext http = contexts.get(0);
        System.setProperty("mizan.tck.serverUrl", "http://127.0.0.1:" + http.getPort());
        if (http.getServlets().isEmpty()) {
            List<Servlet> late = deployedOnceReady();
            if (!late.isEmpty()) {
                System.err.println("The Payara Micro adapter returned no servlet for " + archiveName(event)
                        + "; Micro's finished start-up output lists " + late.size() + " at " + late.get(0).getContextRoot());
                late.forEach(http::add);
            }
        }
        if (http.getServlets().isEmpty()) {
            throw new DeploymentException("Payara Micro started but deployed no application from "
                    + archiveName(event) + serverReason());
        }
    }

    /** The WAR's name ("tck-input.war"): the deployment's own name is Arquillian's "_DEFAULT_". */
    private static String archiveName(AfterDeploy event) {
        return event.getDeployment().isArchiveDeployment()
                ? event.getDeployment().getArchive().getName()
                : event.getDeployment().getName();
    }

    /**
     * The servlets of the applications Micro lists as deployed, read once its "ready in" line is out (at most
     * {@link #READY_WAIT_MILLIS}), as the adapter reads them: each mapping of an application, at its context root.
     * None when Micro does not become ready or lists no application (a WAR that failed to load).
     */
    private List<Servlet> deployedOnceReady() {
        String printed = printedOnceReady();
        Matcher deployed = DEPLOYED.matcher(printed);
        List<Servlet> servlets = new ArrayList<>();
        int listAt = -1;
        while (deployed.find()) {
            listAt = deployed.end() - 1; // the '[' of the last list printed
        }
        if (listAt < 0) {
            return servlets;
        }
        try (JsonParser parser = Json.createParser(new StringReader(printed.substring(listAt)))) {
            parser.next();
            JsonArray applications = parser.getArray();
            for (JsonObject application : applications.getValuesAs(JsonObject.class)) {
                JsonObject mappings = application.getJsonObject("Mappings");
                if (mappings == null) {
                    continue;
                }
                String contextRoot = application.getString("Context Root", "");
                Set<String> names = new LinkedHashSet<>(); // url pattern to servlet name: a servlet with two patterns once
                for (JsonValue mapping : mappings.values()) {
                    names.add(mapping instanceof JsonString text ? text.getString() : mapping.toString());
                }
                names.forEach(name -> servlets.add(new Servlet(name, contextRoot)));
            }
        } catch (RuntimeException unreadable) {
            System.err.println("Payara Micro's list of deployed applications could not be read: " + unreadable);
        }
        return servlets;
    }

    /** Micro's output so far, once it holds the "ready in" line or the wait is over. */
    private String printedOnceReady() {
        ByteArrayOutputStream copy = output;
        if (copy == null) {
            return "";
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_WAIT_MILLIS);
        String printed = copy.toString(Charset.defaultCharset());
        while (!READY.matcher(printed).find() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            printed = copy.toString(Charset.defaultCharset());
        }
        return printed;
    }

    private String serverReason() {
        ByteArrayOutputStream copy = output;
        String printed = copy == null ? "" : copy.toString(Charset.defaultCharset());
        if (printed.isBlank()) {
            return " and its output could not be read: the Payara Micro adapter printed none of it to System.out"
                    + " (is its outputToConsole off?)";
        }
        List<String> severe = severeRecords(printed);
        return severe.isEmpty()
                ? "; it logged no SEVERE record. Its output:\n" + printed
                : "; its SEVERE log records:\n" + String.join("\n", severe);
    }

    /**
     * Micro's console format (ODL) starts each record with {@code [timestamp] [] [LEVEL]} and ends it with an empty
     * line; a message of several lines is enclosed in {@code [[ ]]}.
     */
    private static List<String> severeRecords(String printed) {
        List<String> records = new ArrayList<>();
        StringBuilder record = null;
        for (String line : printed.split("\\R", -1)) {
            if (line.startsWith("[") && line.contains("] [SEVERE] [")) {
                record = new StringBuilder(line);
            } else if (record != null && line.isEmpty()) {
                records.add(record.toString());
                record = null;
            } else if (record != null) {
                record.append('\n').append(line);
            }
        }
        if (record != null) {
            records.add(record.toString());
        }
        return records;
    }

    /** Writes every byte to the console and to a copy. */
    private static final class Tee extends OutputStream {

        private final OutputStream console;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            copy.write(b);
            console.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            copy.write(b, off, len);
            console.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            console.flush();
        }
    }
}
