package energy.mdma.edi.x12;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that the 867 formatters write into: ASCII for codes and numbers, UTF-8 for
 * identifiers and names. Not thread-safe; one per rendering.
 */
public final class X12Buffer {
    byte[] buf;
    int len;

    public X12Buffer(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** Bytes written so far. */
    public int length() {
        return len;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** The bytes written, as text (for tests and messages). */
    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    public void clear() {
        len = 0;
    }

    /** Makes room for {@code n} more bytes. */
    public void ensure(int n) {
        if (len + n > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) len + n);
            if (want > Integer.MAX_VALUE - 16) {
                if ((long) len + n > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("867 document larger than 2 GB");
                }
                want = Integer.MAX_VALUE - 16;
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    public X12Buffer put(byte b) {
        ensure(1);
        buf[len++] = b;
        return this;
    }

    public X12Buffer put(char asciiChar) {
        return put((byte) asciiChar);
    }

    public X12Buffer put(byte[] bytes) {
        return put(bytes, 0, bytes.length);
    }

    public X12Buffer put(byte[] bytes, int from, int count) {
        ensure(count);
        System.arraycopy(bytes, from, buf, len, count);
        len += count;
        return this;
    }

    /** Appends a string known to be ASCII (constants, codes). */
    public X12Buffer ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Appends a string that was checked by {@link X12Values} (no lone surrogates), as UTF-8. */
    void utf8(String s) {
        int n = s.length();
        ensure(3 * n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[len++] = (byte) c;
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else {
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    /**
     * Appends {@code value >= 0} in decimal, without leading zeros. (Its loop is also {@link #digits(long, int)}'s;
     * written through that one, Edi867Benchmark's render measured slower in stop 32, so it stays a loop of its own.)
     */
    public X12Buffer digits(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        int n = X12Values.digitCount(value);
        ensure(n);
        int end = len + n;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        len = end;
        return this;
    }

    /** Appends {@code 0 <= value < 10^width} zero-padded to {@code width} digits. */
    public X12Buffer digits(long value, int width) {
        ensure(width);
        int end = len + width;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        len = end;
        return this;
    }
}
