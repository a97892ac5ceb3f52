package energy.mdma.service.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The user and password of an HTTP Basic {@code Authorization} header (RFC 7617, UTF-8). The password is a
 * char array that {@link #close()} wipes; the intermediate buffers are wiped as soon as they are decoded.
 */
public final class BasicCredentials implements AutoCloseable {

    /**
     * Longest Authorization header decoded (characters): a party id (64) and a bcrypt password (72 bytes) fit in
     * well under it; anything longer is malformed without being decoded.
     */
    public static final int MAX_HEADER_LENGTH = 1024;

    private final String user;
    private final char[] password;

    private BasicCredentials(String user, char[] password) {
        this.user = user;
        this.password = password;
    }

    /** Whether the header asks for the Basic scheme at all (case-insensitive). */
    public static boolean isBasic(String header) {
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /**
     * The credentials of a Basic header; empty when it is not base64 of UTF-8 {@code user:password}, or longer than
     * {@link #MAX_HEADER_LENGTH}.
     */
    public static Optional<BasicCredentials> decode(String header) {
        if (!isBasic(header) || header.length() > MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getDecoder().decode(header.substring(6).trim());
            CharBuffer buffer = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            Arrays.fill(raw, (byte) 0);
            char[] decoded = new char[buffer.remaining()];
            buffer.get(decoded);
            if (buffer.hasArray()) {
                Arrays.fill(buffer.array(), '\0');
            }
            int colon = indexOf(decoded, ':');
            if (colon < 0) {
                Arrays.fill(decoded, '\0');
                return Optional.empty();
            }
            BasicCredentials c = new BasicCredentials(new String(decoded, 0, colon),
                    Arrays.copyOfRange(decoded, colon + 1, decoded.length));
            Arrays.fill(decoded, '\0');
            return Optional.of(c);
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }

    public String user() {
        return user;
    }

    public char[] password() {
        return password;
    }

    @Override
    public void close() {
        Arrays.fill(password, '\0');
    }

    private static int indexOf(char[] chars, char c) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
