package dev.mizan.cdi.internal.discovery;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.regex.Pattern;

/** Name rules (docs/reference/annotations.md) and helpers for messages. */
public final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private Names() {
    }

    /** @return whether a context, function or param name is well-formed */
    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** @return {@code pkg.Class#method} for messages */
    public static String where(Method method) {
        return method.getDeclaringClass().getName() + "#" + method.getName();
    }

    /** @return the candidate closest to {@code name} by edit distance, or null when none is close */
    public static String nearest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
