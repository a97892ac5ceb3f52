package energy.mdma.delivery.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Keys of the {@link ViewStore}: a one-byte kind, then parts. A text part is UTF-8 ended by a zero byte (ids and
 * names hold none), an instant is 12 bytes that sort as the instants do. Keys of one kind and one leading text sort
 * together, so a prefix scan reads one mailbox or one account.
 */
public final class Keys {

    public static final byte META = 'M';
    public static final byte OFFSET = 'O';
    /** a mailbox file by (party, postedAt, id) */
    public static final byte FILE = 'F';
    /** a file not acknowledged yet by (party, postedAt, id) */
    public static final byte NEW_FILE = 'N';
    /** (party, id) to postedAt */
    public static final byte FILE_ID = 'I';
    /** (party, kind) to the newest file's key */
    public static final byte LATEST = 'L';
    /** DocumentPosted.fileId to its mailbox (party) */
    public static final byte DOCUMENT = 'D';
    /** API id to DocumentPosted.fileId */
    public static final byte API_ID = 'A';
    /** party to the last postedAt handed out */
    public static final byte LAST_POSTED = 'P';
    /** a retrieval read before its file, by fileId */
    public static final byte PENDING_RETRIEVED = 'R';
    /** archive: (party, account, fileId, position) to a report */
    public static final byte REPORT = 'X';
    /** archive: (party, account) */
    public static final byte ACCOUNT = 'Y';
    /** archive: (party, reportId) cancelled */
    public static final byte CANCELLED = 'C';
    /** archive: (party, fileId) indexed */
    public static final byte ARCHIVED = 'Z';
    /** audit: (at, id) to the event */
    public static final byte AUDIT = 'U';
    /** archive control numbers: party to the highest issued */
    public static final byte CONTROL_NUMBER = 'Q';
    /** posted catalogue: (party, createdAt, fileId) to the entry; (fileId) seen */
    public static final byte CATALOG = 'G';
    public static final byte CATALOG_SEEN = 'H';

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    private Keys(byte kind) {
        out.write(kind);
    }

    public static Keys kind(byte kind) {
        return new Keys(kind);
    }

    public Keys text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return this;
    }

    public Keys instant(Instant at) {
        out.writeBytes(ByteBuffer.allocate(12).putLong(at.getEpochSecond() ^ Long.MIN_VALUE).putInt(at.getNano()).array());
        return this;
    }

    public Keys integer(int i) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(i ^ Integer.MIN_VALUE).array());
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /** A key of one text part. */
    public static byte[] of(byte kind, String text) {
        return kind(kind).text(text).bytes();
    }

    public static byte[] prefix(byte kind) {
        return new byte[]{kind};
    }

    /** The instant at {@code offset} of a key. */
    public static Instant instantAt(byte[] key, int offset) {
        ByteBuffer b = ByteBuffer.wrap(key, offset, 12);
        return Instant.ofEpochSecond(b.getLong() ^ Long.MIN_VALUE, b.getInt());
    }

    /** The text starting at {@code offset} (up to its zero byte or the end). */
    public static String lastText(byte[] key, int offset) {
        int end = offset;
        while (end < key.length && key[end] != 0) {
            end++;
        }
        return new String(key, offset, end - offset, StandardCharsets.UTF_8);
    }
}
