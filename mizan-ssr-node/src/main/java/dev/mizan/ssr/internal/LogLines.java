package dev.mizan.ssr.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/**
 * Cuts a worker's stderr into lines to log, as {@code BufferedReader.readLine} does ({@code \n},
 * {@code \r} or {@code \r\n} ends one), but holding at most {@link #MAX_CHARS} characters of a line:
 * the rest of a longer one is dropped, and the line logged says so.
 */
final class LogLines {

    /** The most characters of one line that are kept and logged. */
    static final int MAX_CHARS = 16 * 1024;

    private LogLines() {
    }

    /**
     * Reads {@code in} to its end.
     *
     * @param in   what the worker wrote
     * @param line told each line, without its line end
     * @throws IOException when reading fails
     */
    static void split(Reader in, Consumer<String> line) throws IOException {
        char[] buf = new char[8192];
        StringBuilder current = new StringBuilder();
        long dropped = 0;
        boolean afterCr = false;
        for (int n; (n = in.read(buf)) != -1; ) {
            for (int i = 0; i < n; i++) {
                char c = buf[i];
                if (c == '\n' && afterCr) {
                    afterCr = false;
                    continue; // the second half of \r\n
                }
                afterCr = c == '\r';
                if (c == '\n' || c == '\r') {
                    line.accept(text(current, dropped));
                    current.setLength(0);
                    dropped = 0;
                } else if (current.length() < MAX_CHARS) {
                    current.append(c);
                } else {
                    dropped++;
                }
            }
        }
        if (current.length() > 0) { // characters are dropped only once the line holds MAX_CHARS
            line.accept(text(current, dropped));
        }
    }

    private static String text(StringBuilder line, long dropped) {
        return dropped == 0 ? line.toString() : line + "... (" + dropped + " more characters cut)";
    }
}
