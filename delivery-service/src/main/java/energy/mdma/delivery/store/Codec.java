package energy.mdma.delivery.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;

/** Values of the {@link ViewStore}: fields written in order (nullable texts and instants carry a flag). */
public final class Codec {

    private Codec() {
    }

    public static byte[] bytesOf(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    public static long longOf(byte[] b) {
        return ByteBuffer.wrap(b).getLong();
    }

    /** Writes one value. */
    public static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        private final DataOutputStream out = new DataOutputStream(bytes);

        public Out text(String s) {
            try {
                out.writeBoolean(s != null);
                if (s != null) {
                    out.writeUTF(s);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Out instant(Instant at) {
            try {
                out.writeBoolean(at != null);
                if (at != null) {
                    out.writeLong(at.getEpochSecond());
                    out.writeInt(at.getNano());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Out date(LocalDate d) {
            return number(d.toEpochDay());
        }

        public Out number(long v) {
            try {
                out.writeLong(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    /** Reads one value, in the order it was written. */
    public static final class In {
        private final DataInputStream in;

        public In(byte[] b) {
            in = new DataInputStream(new ByteArrayInputStream(b));
        }

        public String text() {
            try {
                return in.readBoolean() ? in.readUTF() : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Instant instant() {
            try {
                return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public LocalDate date() {
            return LocalDate.ofEpochDay(number());
        }

        public long number() {
            try {
                return in.readLong();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
