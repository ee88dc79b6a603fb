package dev.mizan.cache.jedis.internal;

import dev.mizan.spi.CacheBackend.Entry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a stored entry: a format byte, the stamp (count and 64-bit values), the ETag, the body.
 * Anything that does not decode (another format, a foreign value under our key) reads as absent.
 */
final class EntryCodec {

    private static final byte FORMAT = 1;

    private EntryCodec() {
    }

    static byte[] encode(Entry entry) {
        byte[] etag = entry.etag().getBytes(StandardCharsets.UTF_8);
        long[] stamp = entry.stamp();
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + 8 * stamp.length + 4 + etag.length + entry.body().length);
        out.put(FORMAT).putInt(stamp.length);
        for (long value : stamp) {
            out.putLong(value);
        }
        out.putInt(etag.length).put(etag).put(entry.body());
        return out.array();
    }

    /** @return the entry, or {@code null} when {@code bytes} is null or not an entry of this format */
    static Entry decode(byte[] bytes) {
        if (bytes == null || bytes.length < 9 || bytes[0] != FORMAT) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        int n = in.getInt();
        if (n < 0 || n > (in.remaining() - 4) / 8) {
            return null;
        }
        long[] stamp = new long[n];
        for (int i = 0; i < n; i++) {
            stamp[i] = in.getLong();
        }
        int etagLength = in.getInt();
        if (etagLength < 0 || etagLength > in.remaining()) {
            return null;
        }
        byte[] etag = new byte[etagLength];
        in.get(etag);
        byte[] body = new byte[in.remaining()];
        in.get(body);
        return new Entry(stamp, body, new String(etag, StandardCharsets.UTF_8));
    }
}
