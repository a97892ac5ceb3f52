package energy.mdma.vee.state;

import org.apache.avro.io.BinaryData;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The varints of vee's compact store layouts ({@link StoredDay}, {@link PublishedResult}): counts as plain varints,
 * signed numbers zig-zag as Avro writes a long (written by Avro's {@link BinaryData#encodeLong}), strings as a count
 * of UTF-8 bytes and the bytes. A writer into an array sized beforehand (at most {@link #MAX} bytes a number), a reader
 * that moves along an array.
 */
final class Varints {
    /** The most bytes a number takes. */
    static final int MAX = 10;

    private Varints() {
    }

    /** Writes into an array large enough for what is written (the caller sizes it). */
    static final class Writer {
        final byte[] b;
        int at;

        Writer(int capacity) {
            b = new byte[capacity];
        }

        /** A non-negative count as a varint, not zig-zag (Avro has no writer of those). */
        Writer count(long v) {
            while ((v & ~0x7FL) != 0) {
                b[at++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            b[at++] = (byte) v;
            return this;
        }

        /** A signed number, zig-zag. */
        Writer signed(long v) {
            at += BinaryData.encodeLong(v, b, at);
            return this;
        }

        Writer bytes(byte[] bytes) {
            count(bytes.length);
            System.arraycopy(bytes, 0, b, at, bytes.length);
            at += bytes.length;
            return this;
        }

        Writer flag(boolean v) {
            b[at++] = (byte) (v ? 1 : 0);
            return this;
        }

        /** A Long that may be null: a presence byte, then the number if present. */
        Writer optional(Long v) {
            flag(v != null);
            return v == null ? this : signed(v);
        }

        byte[] toArray() {
            return Arrays.copyOf(b, at);
        }
    }

    /** Reads from {@code at} on, moving past what it reads. */
    static final class Reader {
        final byte[] b;
        int at;

        Reader(byte[] b, int at) {
            this.b = b;
            this.at = at;
        }

        long count() {
            int i = at;
            long v = 0;
            int shift = 0;
            while (true) {
                byte x = b[i++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    break;
                }
                shift += 7;
            }
            at = i;
            return v;
        }

        long signed() {
            long v = count();
            return (v >>> 1) ^ -(v & 1);
        }

        int signedInt() {
            return Math.toIntExact(signed());
        }

        String string() {
            int n = Math.toIntExact(count());
            String s = new String(b, at, n, StandardCharsets.UTF_8);
            at += n;
            return s;
        }

        boolean flag() {
            return b[at++] != 0;
        }

        Long optional() {
            return flag() ? signed() : null;
        }
    }
}
