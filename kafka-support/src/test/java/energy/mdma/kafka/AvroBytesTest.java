package energy.mdma.kafka;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reading a number ({@link AvroBytes#longValue}) and walking over an array's numbers ({@link AvroBytes#skipNumbers},
 * eight bytes at a time where it can) end where Avro's writer ended them, give what it wrote, and refuse what a reader
 * would, where it would.
 */
class AvroBytesTest {

    @Test
    void numbersOfEveryLengthAreWalkedOverToTheirEndAtAnyAlignment() throws IOException {
        Random r = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            boolean longs = r.nextBoolean();
            int count = r.nextInt(40);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
            for (int k = 0; k < count; k++) {
                // every varint length: a random number of significant bits, either sign
                long v = r.nextLong() >>> r.nextInt(64);
                if (longs) {
                    enc.writeLong(r.nextBoolean() ? v : -v);
                } else {
                    enc.writeInt((int) (r.nextBoolean() ? v : -v));
                }
            }
            enc.flush();
            byte[] numbers = out.toByteArray();
            int offset = r.nextInt(9);
            byte[] around = inside(numbers, offset, r.nextInt(20));
            AvroBytes walk = new AvroBytes(around, offset, around.length - offset, "test");
            walk.skipNumbers(count, longs ? 10 : 5);
            assertEquals(offset + numbers.length, walk.position(), "round " + round);
        }
    }

    @Test
    void whatTheByteByByteWalkRefusesIsRefusedAtTheSamePlace() {
        Random r = new Random(12);
        for (int round = 0; round < 200_000; round++) {
            // bytes with ends of numbers now rare, now common: numbers too long, arrays cut short, and good ones
            double ends = new double[] { 0.03, 0.12, 0.3, 0.7, 1.0 }[r.nextInt(5)];
            byte[] bytes = new byte[r.nextInt(70)];
            for (int i = 0; i < bytes.length; i++) {
                int low = r.nextInt(0x80);
                bytes[i] = (byte) (r.nextDouble() < ends ? low : 0x80 | low);
            }
            int from = bytes.length == 0 ? 0 : r.nextInt(Math.min(8, bytes.length));
            long n = 1 + r.nextInt(Math.max(1, bytes.length + 2));
            int maxBytes = r.nextBoolean() ? 10 : 5;
            String expected = byteByByte(bytes, from, n, maxBytes);
            String actual;
            try {
                AvroBytes walk = new AvroBytes(bytes, from, bytes.length - from, "test");
                walk.skipNumbers(n, maxBytes);
                actual = "ends at " + walk.position();
            } catch (AvroRuntimeException e) {
                actual = e.getMessage();
            }
            assertEquals(expected, actual, "round " + round + ": " + n + " numbers of at most " + maxBytes
                    + " bytes from " + from + " in " + Arrays.toString(bytes));
        }
    }

    @Test
    void numbersReadAsAvroWroteThem() throws IOException {
        Random r = new Random(13);
        for (int round = 0; round < 2_000; round++) {
            long[] values = new long[r.nextInt(30)];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
            for (int k = 0; k < values.length; k++) {
                long v = r.nextLong() >>> r.nextInt(64); // every length, one to ten bytes
                values[k] = r.nextBoolean() ? v : -v;
                enc.writeLong(values[k]);
            }
            enc.flush();
            byte[] numbers = out.toByteArray();
            int offset = r.nextInt(9);
            byte[] around = inside(numbers, offset, r.nextInt(12));
            AvroBytes in = new AvroBytes(around, offset, numbers.length, "test");
            for (long v : values) {
                assertEquals(v, in.longValue(), "round " + round);
            }
            assertEquals(offset + numbers.length, in.position());
        }
    }

    @Test
    void aNumberIsReadOrRefusedAsByteByByte() {
        Random r = new Random(14);
        for (int round = 0; round < 300_000; round++) {
            double ends = new double[] { 0.02, 0.1, 0.3, 0.7 }[r.nextInt(4)];
            byte[] bytes = new byte[1 + r.nextInt(24)];
            for (int i = 0; i < bytes.length; i++) {
                int low = r.nextInt(0x80);
                bytes[i] = (byte) (r.nextDouble() < ends ? low : 0x80 | low);
            }
            int from = r.nextInt(bytes.length);
            int length = r.nextInt(bytes.length - from + 1); // the record may end before the array does
            String expected = numberByteByByte(bytes, from, from + length);
            String actual;
            try {
                AvroBytes in = new AvroBytes(bytes, from, length, "test");
                long v = in.longValue();
                actual = v + " ending at " + in.position();
            } catch (AvroRuntimeException e) {
                actual = e.getMessage();
            }
            assertEquals(expected, actual, "round " + round + ": from " + from + " length " + length + " of "
                    + Arrays.toString(bytes));
        }
    }

    /**
     * {@code numbers} at {@code offset} of a larger array, the bytes before and after them continuation bytes, as if a
     * number went on: a reader must stop where they end, and not start before them.
     */
    private static byte[] inside(byte[] numbers, int offset, int after) {
        byte[] around = new byte[offset + numbers.length + after];
        Arrays.fill(around, (byte) 0x85);
        System.arraycopy(numbers, 0, around, offset, numbers.length);
        return around;
    }

    /** The plain reading of a zig-zag varint, one byte at a time, and what it says. */
    private static String numberByteByByte(byte[] b, int at, int end) {
        long raw = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift > 63) {
                return "test: a number of more than 10 bytes";
            }
            if (at >= end) {
                return "test: the record ends inside a number";
            }
            int x = b[at++];
            raw |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                return ((raw >>> 1) ^ -(raw & 1)) + " ending at " + at;
            }
        }
    }

    /** The plain walk, one byte at a time, and what it says. */
    private static String byteByByte(byte[] b, int from, long n, int maxBytes) {
        int i = from;
        int run = 0;
        while (n > 0) {
            if (i >= b.length) {
                return "test: the record ends inside an array of numbers";
            }
            if (b[i++] >= 0) {
                n--;
                run = 0;
            } else if (++run >= maxBytes) {
                return "test: a number of more than " + maxBytes + " bytes";
            }
        }
        return "ends at " + i;
    }
}
