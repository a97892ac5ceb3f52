package energy.mdma.ingest.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines from a byte stream decoding strictly as UTF-8, with bounded memory: a line longer than
 * {@code maxLineChars} is returned with {@link #tooLong()} set and only its first characters held.
 * Lines end in LF or CRLF (a CR before the LF is dropped); a UTF-8 byte order mark at the start is
 * skipped. The last line need not end in LF.
 */
final class Utf8LineReader {
    private static final int BUF = 64 * 1024;

    private final InputStream in;
    private final int maxLineChars;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUF);
    private final CharBuffer chars = CharBuffer.allocate(BUF);

    private char[] line = new char[512];
    private int len;
    private long total;
    private char lastChar;
    private boolean tooLong;
    private boolean crlf;
    private long lineNumber;
    // RFC 4180 quote state of the current record, over all its characters (also those beyond the limit)
    private final boolean trackQuotes;
    private int quote;
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3; // a quote inside a quoted field: closes it unless doubled

    private long bytesDecoded;
    private boolean eofIn;
    private boolean done;
    private boolean started;
    private long errorOffset = -1;
    private int errorByte;

    Utf8LineReader(InputStream in, int maxLineChars) {
        this(in, maxLineChars, false);
    }

    /** @param trackQuotes follow RFC 4180 quoting, for {@link #inQuotedField()} */
    Utf8LineReader(InputStream in, int maxLineChars, boolean trackQuotes) {
        this.in = in;
        this.maxLineChars = maxLineChars;
        this.trackQuotes = trackQuotes;
        bytes.flip();
        chars.flip();
    }

    /** Reads the next line; false at the end of input. */
    boolean next() throws IOException, NotUtf8Exception {
        len = 0;
        total = 0;
        lastChar = 0;
        tooLong = false;
        quote = FIELD_START;
        if (!started) {
            started = true;
            if (fill() && chars.get(chars.position()) == '\uFEFF') {
                chars.position(chars.position() + 1);
            }
        }
        return read(false);
    }

    /**
     * Appends the next line to the current one, joined by the line end that ended the current one (LF or CRLF),
     * for a quoted field that holds a line break (RFC 4180). {@link #lineNumber()} becomes the next line's.
     * False, and nothing changes, at the end of input.
     */
    boolean continueLine() throws IOException, NotUtf8Exception {
        if (!chars.hasRemaining() && !fill()) {
            return false;
        }
        char[] end = crlf ? new char[] {'\r', '\n'} : new char[] {'\n'};
        append(end, 0, end.length);
        return read(true);
    }

    private boolean read(boolean any) throws IOException, NotUtf8Exception {
        while (true) {
            if (!chars.hasRemaining() && !fill()) {
                if (any) {
                    endLine();
                    return true;
                }
                return false;
            }
            any = true;
            char[] a = chars.array();
            int p = chars.position();
            int lim = chars.limit();
            int i = p;
            while (i < lim && a[i] != '\n') {
                i++;
            }
            append(a, p, i - p);
            if (i < lim) {
                chars.position(i + 1);
                endLine();
                return true;
            }
            chars.position(lim);
        }
    }

    private void endLine() {
        lineNumber++;
        crlf = total > 0 && lastChar == '\r';
        if (crlf) {
            total--;
            if (len > total) {
                len = (int) total;
            }
        }
        tooLong = total > maxLineChars;
    }

    /** With quote tracking: true when the current line ends inside a quoted field (the record goes on). */
    boolean inQuotedField() {
        return quote == QUOTED;
    }

    private void append(char[] a, int off, int n) {
        if (n == 0) {
            return;
        }
        if (trackQuotes) {
            for (int i = off; i < off + n; i++) {
                char c = a[i];
                switch (quote) {
                    case QUOTED:
                        quote = c == '"' ? QUOTE_IN_QUOTED : QUOTED;
                        break;
                    case QUOTE_IN_QUOTED:
                        quote = c == '"' ? QUOTED : c == ',' ? FIELD_START : UNQUOTED;
                        break;
                    case FIELD_START:
                        quote = c == '"' ? QUOTED : c == ',' ? FIELD_START : UNQUOTED;
                        break;
                    default:
                        quote = c == ',' ? FIELD_START : UNQUOTED;
                }
            }
        }
        lastChar = a[off + n - 1];
        total += n;
        int k = Math.min(maxLineChars + 1 - len, n);
        if (k > 0) {
            if (len + k > line.length) {
                char[] bigger = new char[Math.min(Math.max(line.length * 2, len + k), maxLineChars + 1)];
                System.arraycopy(line, 0, bigger, 0, len);
                line = bigger;
            }
            System.arraycopy(a, off, line, len, k);
            len += k;
        }
    }

    /** Refills the char buffer; false at end of input. */
    private boolean fill() throws IOException, NotUtf8Exception {
        if (errorOffset >= 0) {
            throw new NotUtf8Exception(lineNumber + 1, errorOffset, errorByte);
        }
        if (done) {
            return false;
        }
        chars.clear();
        try {
            while (chars.position() == 0) {
                if (!eofIn && bytes.remaining() < 16) {
                    bytes.compact();
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        eofIn = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                    bytes.flip();
                }
                int before = bytes.position();
                CoderResult r = decoder.decode(bytes, chars, eofIn);
                bytesDecoded += bytes.position() - before;
                if (r.isError()) {
                    errorOffset = bytesDecoded;
                    errorByte = bytes.get(bytes.position());
                    if (chars.position() == 0) {
                        throw new NotUtf8Exception(lineNumber + 1, errorOffset, errorByte);
                    }
                    break;
                }
                if (eofIn && r.isUnderflow()) {
                    decoder.flush(chars);
                    done = true;
                    break;
                }
                if (r.isOverflow()) {
                    break;
                }
            }
        } finally {
            chars.flip();
        }
        return chars.hasRemaining();
    }

    /** The current line's characters, valid up to {@link #length()} (unless {@link #tooLong()}). */
    char[] buffer() {
        return line;
    }

    int length() {
        return len;
    }

    boolean tooLong() {
        return tooLong;
    }

    /** 1-based number of the line last returned by {@link #next()}. */
    long lineNumber() {
        return lineNumber;
    }

    long bytesRead() {
        return bytesDecoded;
    }
}
