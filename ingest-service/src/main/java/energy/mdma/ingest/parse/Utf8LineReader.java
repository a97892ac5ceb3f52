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
    private long lineNumber;

    private long bytesDecoded;
    private boolean eofIn;
    private boolean done;
    private boolean started;
    private long errorOffset = -1;
    private int errorByte;

    Utf8LineReader(InputStream in, int maxLineChars) {
        this.in = in;
        this.maxLineChars = maxLineChars;
        bytes.flip();
        chars.flip();
    }

    /** Reads the next line; false at the end of input. */
    boolean next() throws IOException, NotUtf8Exception {
        len = 0;
        total = 0;
        lastChar = 0;
        tooLong = false;
        if (!started) {
            started = true;
            if (fill() && chars.get(chars.position()) == '\uFEFF') {
                chars.position(chars.position() + 1);
            }
        }
        boolean any = false;
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
        if (total > 0 && lastChar == '\r') {
            total--;
            if (len > total) {
                len = (int) total;
            }
        }
        tooLong = total > maxLineChars;
    }

    private void append(char[] a, int off, int n) {
        if (n == 0) {
            return;
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
