package energy.mdma.events;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 as the events carry it: lower-case hex of 64 digits (e.g. {@code DocumentPosted.sha256}, the digests
 * of received files and of what was sent). The one SHA-256 helper of the platform.
 */
public final class Sha256 {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    /** A new SHA-256 digest (for content streamed in pieces). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The SHA-256 of {@code content}. */
    public static byte[] digest(byte[] content) {
        return newDigest().digest(content);
    }

    /** The SHA-256 of {@code content} in lower-case hex. */
    public static String hex(byte[] content) {
        return HexFormat.of().formatHex(digest(content));
    }

    /** The digest so far of {@code digest} in lower-case hex (the digest is reset). */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Whether {@code s} is a SHA-256 in lower-case hex. */
    public static boolean isHex(String s) {
        return s != null && HEX.matcher(s).matches();
    }
}
