package dev.mizan.ssr.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a worker's stdout in blocks (never byte by byte): header lines and exact byte counts.
 * Not thread-safe: one reader per worker, used under the worker's lock.
 */
final class ReplyReader {

    private final InputStream in;
    private byte[] buf = new byte[64 * 1024];
    private int start;
    private int end;

    ReplyReader(InputStream in) {
        this.in = in;
    }

    /** @return the next line without its newline, decoded as UTF-8 */
    String readLine(int max) throws IOException {
        int scanned = 0; // bytes after start already searched (fill() may move start)
        while (true) {
            for (int i = start + scanned; i < end; i++) {
                if (buf[i] == '\n') {
                    String line = new String(buf, start, i - start, StandardCharsets.UTF_8);
                    start = i + 1;
                    return line;
                }
            }
            scanned = end - start;
            if (scanned > max) {
                throw new IOException(Messages.protocolError("a header line longer than " + max + " bytes"));
            }
            fill();
        }
    }

    /** @return exactly {@code n} bytes */
    byte[] readBytes(int n) throws IOException {
        byte[] out = new byte[n];
        int have = Math.min(n, end - start);
        System.arraycopy(buf, start, out, 0, have);
        start += have;
        while (have < n) {
            int r = in.read(out, have, n - have);
            if (r < 0) {
                throw new EOFException("the worker's output ended");
            }
            have += r;
        }
        return out;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int r = in.read(buf, end, buf.length - end);
        if (r < 0) {
            throw new EOFException("the worker's output ended");
        }
        end += r;
    }
}
