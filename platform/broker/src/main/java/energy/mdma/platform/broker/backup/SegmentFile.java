package energy.mdma.platform.broker.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A segment file of a backup: the records of one topic-partition, in offset order, as they were (raw key, value and
 * header bytes: the Avro bytes keep the registry's schema ids). Big-endian; per record
 * {@code 'R', offset, timestamp, key length (-1: null), key, value length (-1: null), value, header count, (name
 * length, UTF-8 name, value length (-1: null), value)*}; then {@code 'E', record count}: a cut file is noticed
 * even without its checksum. Written and read one record at a time (bounded memory).
 */
final class SegmentFile {

    private static final int RECORD = 'R';
    private static final int END = 'E';

    /** One record of a segment. */
    record Entry(long offset, long timestamp, byte[] key, byte[] value, List<Header> headers) {
    }

    private SegmentFile() {
    }

    /** Writes records; {@link #close()} ends the file, {@link #sha256()} / {@link #bytes()} after that. */
    static final class Writer implements Closeable {
        private final MessageDigest digest = Backup.sha256Digest();
        private final CountingOutputStream counting;
        private final DataOutputStream out;
        private long records;
        private boolean closed;

        Writer(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            counting = new CountingOutputStream(new DigestOutputStream(Files.newOutputStream(file), digest));
            out = new DataOutputStream(new BufferedOutputStream(counting, 1 << 16));
        }

        void write(long offset, long timestamp, byte[] key, byte[] value, Iterable<Header> headers) throws IOException {
            out.writeByte(RECORD);
            out.writeLong(offset);
            out.writeLong(timestamp);
            bytes(key);
            bytes(value);
            List<Header> list = new ArrayList<>();
            headers.forEach(list::add);
            out.writeInt(list.size());
            for (Header h : list) {
                byte[] name = h.key().getBytes(StandardCharsets.UTF_8);
                out.writeInt(name.length);
                out.write(name);
                bytes(h.value());
            }
            records++;
        }

        private void bytes(byte[] b) throws IOException {
            if (b == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(b.length);
                out.write(b);
            }
        }

        long records() {
            return records;
        }

        String sha256() {
            if (!closed) {
                throw new IllegalStateException("segment not closed");
            }
            return Backup.hex(digest);
        }

        long bytes() {
            return counting.count;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                out.writeByte(END);
                out.writeLong(records);
                out.close();
                closed = true;
            }
        }
    }

    /** Reads the records of a segment file in order. */
    static final class Reader implements Closeable {
        private final Path file;
        private final DataInputStream in;
        private long read;
        private boolean ended;

        Reader(Path file) throws IOException {
            this.file = file;
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        }

        /** The next record, or null at the end. */
        Entry next() throws IOException {
            if (ended) {
                return null;
            }
            try {
                int tag = in.readUnsignedByte();
                if (tag == END) {
                    long count = in.readLong();
                    if (count != read) {
                        throw new BackupException("segment file " + file + " says it holds " + count + " records but has "
                                + read + ": the file is damaged; restore from another copy of the backup");
                    }
                    ended = true;
                    return null;
                }
                if (tag != RECORD) {
                    throw new BackupException("segment file " + file + " is damaged after record " + read
                            + " (unexpected byte " + tag + "); restore from another copy of the backup");
                }
                long offset = in.readLong();
                long timestamp = in.readLong();
                byte[] key = bytes();
                byte[] value = bytes();
                int n = in.readInt();
                if (n < 0 || n > 100_000) {
                    throw new BackupException("segment file " + file + " is damaged at record " + read + " (" + n
                            + " headers); restore from another copy of the backup");
                }
                List<Header> headers = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    byte[] name = bytes();
                    headers.add(new RecordHeader(new String(name, StandardCharsets.UTF_8), bytes()));
                }
                read++;
                return new Entry(offset, timestamp, key, value, headers);
            } catch (EOFException e) {
                throw new BackupException("segment file " + file + " is cut short after " + read
                        + " records; restore from another copy of the backup", e);
            }
        }

        private byte[] bytes() throws IOException {
            int n = in.readInt();
            if (n == -1) {
                return null;
            }
            if (n < 0 || n > 256 * 1024 * 1024) {
                throw new BackupException("segment file " + file + " is damaged at record " + read + " (length " + n
                        + "); restore from another copy of the backup");
            }
            byte[] b = new byte[n];
            in.readFully(b);
            return b;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
