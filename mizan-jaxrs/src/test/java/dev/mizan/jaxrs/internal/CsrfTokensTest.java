package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.key.HmacSha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CsrfTokensTest {

    private static final HmacSha256 KEY = new HmacSha256(range(32));
    private static final HmacSha256 OTHER_KEY = new HmacSha256("another-32-byte-key-for-testing!".getBytes(StandardCharsets.US_ASCII));

    /** A "random" source that always yields 0, 1, 2, ...: makes the token reproducible. */
    private static final class CountingRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(range(bytes.length), 0, bytes, 0, bytes.length);
        }
    }

    private final CsrfTokens tokens = new CsrfTokens(new SecureRandom());

    @Test
    void issuesTheTokenAnIndependentHmacImplementationComputes() {
        // expected values computed with Python's hmac/hashlib/base64 (see the report), not with this code
        CsrfTokens fixed = new CsrfTokens(new CountingRandom());
        assertThat(fixed.issue(KEY, "SESSION-1"))
                .isEqualTo("AAECAwQFBgcICQoLDA0ODw.2wXB_Bn6PZuHrp0bQFme0_2pig0aY8YmSN9PEPab980");
        assertThat(fixed.issue(KEY, null))
                .isEqualTo("AAECAwQFBgcICQoLDA0ODw.C2bYIvd8OcGYGgrN4tbPA1Oy3A1jT2xgAmUzdNE_42A");
    }

    @Test
    void verifiesItsOwnTokenForTheSameSession() {
        String token = tokens.issue(KEY, "S1");
        assertThat(tokens.verify(token, List.of(KEY), "S1")).isTrue();
    }

    @Test
    void noSessionBindsToTheEmptyString() {
        String token = tokens.issue(KEY, null);
        assertThat(tokens.verify(token, List.of(KEY), "")).isTrue();
        assertThat(tokens.verify(token, List.of(KEY), "S1")).isFalse();
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        String token = tokens.issue(OTHER_KEY, "S1");
        assertThat(tokens.verify(token, List.of(KEY), "S1")).isFalse();
    }

    @Test
    void refusesATokenOfAnotherSession() {
        String token = tokens.issue(KEY, "S1");
        assertThat(tokens.verify(token, List.of(KEY), "S2")).isFalse();
    }

    @Test
    void acceptsATokenSignedWithThePreviousKeyDuringARotation() {
        String token = tokens.issue(OTHER_KEY, "S1");
        assertThat(tokens.verify(token, List.of(KEY, OTHER_KEY), "S1")).isTrue();
    }

    @Test
    void refusesTamperedTokens() {
        String token = tokens.issue(KEY, "S1");
        int dot = token.indexOf('.');
        String otherNonce = tokens.issue(KEY, "S1").substring(0, dot);
        char last = token.charAt(token.length() - 1);
        String flippedMac = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(tokens.verify(otherNonce + token.substring(dot), List.of(KEY), "S1")).isFalse();
        assertThat(tokens.verify(flippedMac, List.of(KEY), "S1")).isFalse();
        assertThat(tokens.verify(token.substring(0, dot), List.of(KEY), "S1")).isFalse();
        assertThat(tokens.verify(token + ".x", List.of(KEY), "S1")).isFalse();
        assertThat(tokens.verify("!!!." + token.substring(dot + 1), List.of(KEY), "S1")).isFalse();
        assertThat(tokens.verify("", List.of(KEY), "S1")).isFalse();
        assertThat(tokens.verify(null, List.of(KEY), "S1")).isFalse();
    }

    @Test
    void sameTokenComparesExactly() {
        assertThat(CsrfTokens.sameToken("abc.def", "abc.def")).isTrue();
        assertThat(CsrfTokens.sameToken("abc.def", "abc.deg")).isFalse();
        assertThat(CsrfTokens.sameToken("abc.def", "abc.de")).isFalse();
        assertThat(CsrfTokens.sameToken(null, "abc")).isFalse();
        assertThat(CsrfTokens.sameToken("abc", null)).isFalse();
    }

    private static final String IS_EQUAL = "Method java/security/MessageDigest.isEqual:([B[B)Z";

    /*
     * The comparisons' timing cannot be measured reliably in a unit test; the bytecode shows which one runs. Each
     * comparison site is checked in the method that holds it, so one of them turning into equals cannot hide
     * behind the other.
     */

    @Test
    void verifyComparesTheMacItComputesWithMessageDigestIsEqual() throws Exception {
        List<String> verify = instructions(CsrfTokens.class).get("verify");
        List<Integer> sites = indexesOf(verify, IS_EQUAL);
        assertThat(sites).as("isEqual calls in verify").hasSize(1);
        int site = sites.get(0);
        // mac(...) computes one of isEqual's two arguments: it is one of the two instructions before the call
        assertThat(verify.subList(site - 2, site)).as("the arguments of isEqual in verify")
                .anyMatch(i -> i.contains("invokestatic") && i.contains("// Method mac:("));
        assertThat(verify).as("verify's instructions").noneMatch(i -> i.contains("java/util/Arrays."));
    }

    @Test
    void sameTokenComparesWithMessageDigestIsEqualOnly() throws Exception {
        List<String> sameToken = instructions(CsrfTokens.class).get("sameToken");
        assertThat(indexesOf(sameToken, IS_EQUAL)).as("isEqual calls in sameToken").hasSize(1);
        assertThat(sameToken).as("sameToken's instructions")
                .noneMatch(i -> i.contains(".equals:") || i.contains("java/util/Arrays."));
    }

    @Test
    void theGuardComparesHeaderAndCookieThroughSameToken() throws Exception {
        List<String> passes = instructions(CsrfGuard.class).get("passes");
        assertThat(passes).as("CsrfGuard.passes' instructions")
                .anyMatch(i -> i.contains("// Method dev/mizan/jaxrs/internal/CsrfTokens.sameToken:"))
                .noneMatch(i -> i.contains(".equals:") || i.contains("java/util/Arrays."));
    }

    private static List<Integer> indexesOf(List<String> instructions, String call) {
        return IntStream.range(0, instructions.size())
                .filter(i -> instructions.get(i).contains("invokestatic") && instructions.get(i).endsWith("// " + call))
                .boxed().toList();
    }

    /**
     * @return the instructions of each method of {@code type} as {@code javap -c -p} prints them, by method
     *         name (none of the methods checked here is overloaded; an overload fails here rather than mix bodies)
     */
    private static Map<String, List<String>> instructions(Class<?> type) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String classpath = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        int status = ToolProvider.findFirst("javap").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(err), "-c", "-p", "-cp", classpath, type.getName());
        assertThat(status).as("javap: " + err).isZero();
        Map<String, List<String>> methods = new HashMap<>();
        List<String> current = null;
        for (String line : out.toString().lines().toList()) {
            if (line.startsWith("  ") && !line.startsWith("   ")) {
                // a member's declaration: a method's (its instructions follow), else a field's or the static block's
                current = null;
                if (line.contains("(")) {
                    String head = line.substring(0, line.indexOf('('));
                    String name = head.substring(head.lastIndexOf(' ') + 1);
                    current = new ArrayList<>();
                    assertThat(methods.put(name, current)).as("overloads of " + name).isNull();
                }
            } else if (current != null && line.matches("\\s+\\d+: .*")) {
                current.add(line.trim());
            }
        }
        assertThat(methods).as("methods javap found in " + type).isNotEmpty();
        return methods;
    }

    private static byte[] range(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
