package energy.mdma.kafka;

import org.apache.avro.io.BinaryData;
import org.apache.avro.io.BinaryEncoder;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Avro's binary encoding (each value by Avro's own {@link BinaryData} encoders) into an array that grows as
 * needed. A {@code bytes} field is copied straight from its buffer's array. The array is kept for the thread's
 * next record up to {@link #KEPT_BYTES}; a larger one (a big 867 file) is let go after its record. The events'
 * serializer ({@link EventSerializer}) and the stores' ({@link BinaryAvroSerde}) keep one per thread.
 */
final class ArrayEncoder extends BinaryEncoder {
    static final int KEPT_BYTES = 4 << 20;
    private static final int INITIAL_BYTES = 8 << 10;

    byte[] buf = new byte[INITIAL_BYTES];
    int pos;

    private void room(int n) {
        if (buf.length - pos < n) {
            long want = Math.max((long) pos + n, 2L * buf.length);
            if (want > Integer.MAX_VALUE - 8) {
                want = (long) pos + n;
            }
            buf = Arrays.copyOf(buf, Math.toIntExact(want));
        }
    }

    /** The bytes written so far, a copy of exactly their length. */
    byte[] bytes() {
        return Arrays.copyOf(buf, pos);
    }

    /** The array as a stream (for what writes to one, such as the registry's id handler). */
    OutputStream stream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                room(1);
                buf[pos++] = (byte) b;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writeFixed(b, off, len);
            }
        };
    }

    void reset() {
        pos = 0;
        if (buf.length > KEPT_BYTES) {
            buf = new byte[INITIAL_BYTES];
        }
    }

    @Override
    public void writeBoolean(boolean b) {
        room(1);
        pos += BinaryData.encodeBoolean(b, buf, pos);
    }

    @Override
    public void writeInt(int n) {
        room(5);
        pos += BinaryData.encodeInt(n, buf, pos);
    }

    @Override
    public void writeLong(long n) {
        room(10);
        pos += BinaryData.encodeLong(n, buf, pos);
    }

    @Override
    public void writeFloat(float f) {
        room(4);
        pos += BinaryData.encodeFloat(f, buf, pos);
    }

    @Override
    public void writeDouble(double d) {
        room(8);
        pos += BinaryData.encodeDouble(d, buf, pos);
    }

    @Override
    public void writeFixed(byte[] bytes, int start, int len) {
        room(len);
        System.arraycopy(bytes, start, buf, pos, len);
        pos += len;
    }

    @Override
    protected void writeZero() {
        room(1);
        buf[pos++] = 0;
    }

    @Override
    public int bytesBuffered() {
        return pos;
    }

    @Override
    public void flush() {
        // the bytes stay in the array until the serializer hands them on
    }
}
