package energy.mdma.kafka;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Avro's binary encoding read straight from the bytes of a record (zig-zag varints, length-prefixed UTF-8, counted
 * array blocks), for {@link IntervalBlockReader}: no decoder object, grammar or reflection between the bytes and the
 * values; and walked over by a schema without keeping anything ({@link #skip}), for {@link EncodedEvent} and
 * {@link AvroFields}. Reads only within {@code [start, end)}; anything that does not fit (cut short, a count or a
 * length beyond what is left, a number of more than 10 bytes) is refused with an {@link AvroRuntimeException} naming
 * the record.
 */
final class AvroBytes {
    /** The high bit of each byte of a word: set in a varint's continuation bytes, clear in its last byte. */
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] b;
    private final int end;
    private final String record;
    private int at;

    AvroBytes(byte[] b, int start, int length, String record) {
        if (start < 0 || length < 0 || start > b.length - length) {
            throw new AvroRuntimeException(record + ": " + length + " bytes from " + start + " are not in the "
                    + b.length + " of the record");
        }
        this.b = b;
        this.at = start;
        this.end = start + length;
        this.record = record;
    }

    long longValue() {
        long raw = 0;
        int shift = 0;
        while (true) {
            if (at >= end) {
                throw new AvroRuntimeException(record + ": the record ends inside a number");
            }
            int x = b[at++];
            raw |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                break;
            }
            shift += 7;
            if (shift > 63) {
                throw new AvroRuntimeException(record + ": a number of more than 10 bytes");
            }
        }
        return (raw >>> 1) ^ -(raw & 1);
    }

    int intValue() {
        long v = longValue();
        if (v != (int) v) {
            throw new AvroRuntimeException(record + ": " + v + " is no int");
        }
        return (int) v;
    }

    String string() {
        int n = intValue();
        if (n < 0 || n > end - at) {
            throw new AvroRuntimeException(record + ": a string of " + n + " bytes where " + (end - at) + " are left");
        }
        String s = new String(b, at, n, StandardCharsets.UTF_8);
        at += n;
        return s;
    }

    /** An enum's symbol index, refused when the enum has no such symbol. */
    int symbol(int symbols, String field) {
        int i = intValue();
        if (i < 0 || i >= symbols) {
            throw new AvroRuntimeException(record + "." + field + ": no symbol " + i);
        }
        return i;
    }

    /** A ["null", T] union's branch: false for null, true for the value that follows. */
    boolean present(String field) {
        int branch = intValue();
        if (branch != 0 && branch != 1) {
            throw new AvroRuntimeException(record + "." + field + ": no union branch " + branch);
        }
        return branch == 1;
    }

    /** The schema of the union's branch that starts here, refused when the union has no such branch. */
    Schema branch(Schema union) {
        int branch = intValue();
        if (branch < 0 || branch >= union.getTypes().size()) {
            throw new AvroRuntimeException(record + ": no union branch " + branch + " of " + union);
        }
        return union.getTypes().get(branch);
    }

    /** The count of the array block that starts here (0: it ends); a negative count's byte size skipped. */
    long blockCount() {
        long n = longValue();
        if (n < 0) {
            n = -n;
            longValue(); // the block's size in bytes, for readers that skip it
        }
        if (n > end - at) {
            throw new AvroRuntimeException(record + ": a block of " + n + " items where " + (end - at)
                    + " bytes are left");
        }
        return n;
    }

    /** An array of longs into a primitive array ({@code schema}: the array's). */
    PrimitivesArrays.LongArray longs(Schema schema) {
        long n = blockCount();
        PrimitivesArrays.LongArray a = new PrimitivesArrays.LongArray(PrimitiveArrays.initialCapacity(n), schema);
        int i = 0;
        for (; n > 0; n = blockCount()) {
            for (long k = 0; k < n; k++) {
                a.add(i++, longValue());
            }
        }
        return a;
    }

    /** An array of ints into a primitive array ({@code schema}: the array's). */
    PrimitivesArrays.IntArray ints(Schema schema) {
        long n = blockCount();
        PrimitivesArrays.IntArray a = new PrimitivesArrays.IntArray(PrimitiveArrays.initialCapacity(n), schema);
        int i = 0;
        for (; n > 0; n = blockCount()) {
            for (long k = 0; k < n; k++) {
                a.add(i++, intValue());
            }
        }
        return a;
    }

    /** Where the next read starts (an index into the array). */
    int position() {
        return at;
    }

    /**
     * Walks over a datum of {@code schema} without keeping it, checking what a reader of it would: every number, length
     * and count inside the bytes, every enum symbol and union branch one that exists.
     */
    void skip(Schema schema) {
        switch (schema.getType()) {
            case RECORD -> {
                for (Schema.Field f : schema.getFields()) {
                    skip(f.schema());
                }
            }
            case ENUM -> symbol(schema.getEnumSymbols().size(), schema.getName());
            case ARRAY -> {
                Schema items = schema.getElementType();
                Schema.Type type = items.getType();
                for (long n = blockCount(); n > 0; n = blockCount()) {
                    if (type == Schema.Type.LONG || type == Schema.Type.INT) {
                        skipNumbers(n, type == Schema.Type.LONG ? 10 : 5);
                    } else {
                        for (long k = 0; k < n; k++) {
                            skip(items);
                        }
                    }
                }
            }
            case MAP -> {
                Schema values = schema.getValueType();
                for (long n = blockCount(); n > 0; n = blockCount()) {
                    for (long k = 0; k < n; k++) {
                        skipBytes(); // the key
                        skip(values);
                    }
                }
            }
            case UNION -> skip(branch(schema));
            case FIXED -> advance(schema.getFixedSize());
            case STRING, BYTES -> skipBytes();
            case INT -> intValue();
            case LONG -> longValue();
            case FLOAT -> advance(4);
            case DOUBLE -> advance(8);
            case BOOLEAN -> advance(1);
            case NULL -> {
            }
        }
    }

    /**
     * Walks over {@code n} varints of at most {@code maxBytes} bytes each (10 for a long, 5 for an int, as Avro's
     * reader takes them): a varint ends at its first byte below 0x80. Eight bytes at a time while more than eight
     * numbers are left (so a word never holds the last one's end): the numbers ending in a word are its bytes below
     * 0x80, counted at once. A word that may hold a number too long, and the last numbers, go byte by byte, which
     * refuses exactly what a reader would. Results' arrays are most of what edi walks when it checks a record
     * arriving or reads a stored result's header (ResultHeader): byte by byte that was 5% of its stream thread.
     */
    void skipNumbers(long n, int maxBytes) {
        int i = at;
        int run = 0; // continuation bytes (0x80 and above) since the last number's end
        while (n > 8 && i <= end - 8) {
            long word = (long) LITTLE_ENDIAN_LONGS.get(b, i);
            long ends = ~word & HIGH_BITS; // the high bit of each byte that ends a number
            int before = Long.numberOfTrailingZeros(ends) >>> 3; // continuation bytes before the first end (8: none)
            if (run + before >= maxBytes || hasRun(word & HIGH_BITS, maxBytes)) {
                break;
            }
            int count = Long.bitCount(ends);
            n -= count;
            run = count == 0 ? run + 8 : Long.numberOfLeadingZeros(ends) >>> 3; // after the last end in the word
            i += 8;
        }
        while (n > 0) {
            if (i >= end) {
                throw new AvroRuntimeException(record + ": the record ends inside an array of numbers");
            }
            if (b[i++] >= 0) {
                n--;
                run = 0;
            } else if (++run >= maxBytes) {
                throw new AvroRuntimeException(record + ": a number of more than " + maxBytes + " bytes");
            }
        }
        at = i;
    }

    /** Whether {@code continuations} (a word's high bits of its continuation bytes) has {@code length} in a row. */
    private static boolean hasRun(long continuations, int length) {
        if (length > 8) {
            return false;
        }
        long run = continuations;
        for (int k = 1; k < length && run != 0; k++) {
            run &= continuations >>> (8 * k);
        }
        return run != 0;
    }

    private void skipBytes() {
        int n = intValue();
        if (n < 0) {
            throw new AvroRuntimeException(record + ": a length of " + n);
        }
        advance(n);
    }

    private void advance(int n) {
        if (n > end - at) {
            throw new AvroRuntimeException(record + ": " + n + " bytes where " + (end - at) + " are left");
        }
        at += n;
    }
}
