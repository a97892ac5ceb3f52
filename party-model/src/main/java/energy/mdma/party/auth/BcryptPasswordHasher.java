package energy.mdma.party.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * bcrypt ($2b$) with a configurable cost (default 11, about 100-200 ms on a small server). Passwords longer than
 * bcrypt's 72 bytes are refused by {@link PasswordPolicy} before they get here; to be safe they are rejected
 * here as well rather than silently truncated.
 */
public final class BcryptPasswordHasher implements PasswordHasher {

    public static final int DEFAULT_COST = 11;

    private final int cost;
    private final BCrypt.Hasher hasher;
    private final BCrypt.Verifyer verifyer;

    public BcryptPasswordHasher() {
        this(DEFAULT_COST);
    }

    public BcryptPasswordHasher(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be within 4..31");
        }
        this.cost = cost;
        this.hasher = BCrypt.with(BCrypt.Version.VERSION_2B, new SecureRandom(), LongPasswordStrategies.strict(BCrypt.Version.VERSION_2B));
        this.verifyer = BCrypt.verifyer(null, LongPasswordStrategies.strict(BCrypt.Version.VERSION_2B));
    }

    public int cost() {
        return cost;
    }

    @Override
    public String hash(char[] password) {
        byte[] bytes = utf8(password);
        try {
            return new String(hasher.hash(cost, bytes), StandardCharsets.US_ASCII);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public boolean verify(char[] password, String hash) {
        if (hash == null || password == null) {
            return false;
        }
        byte[] bytes = utf8(password);
        try {
            return verifyer.verify(bytes, hash.getBytes(StandardCharsets.US_ASCII)).verified;
        } catch (RuntimeException e) {
            // malformed hash or over-long password: no match (the message could echo input, so it is dropped)
            return false;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    static byte[] utf8(char[] password) {
        var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }
}
