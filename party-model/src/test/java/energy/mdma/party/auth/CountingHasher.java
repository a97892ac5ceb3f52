package energy.mdma.party.auth;

import java.util.concurrent.atomic.AtomicLong;

/**
 * bcrypt (cost 4) that counts the passwords it checked: how the tests see that a refusal cost no bcrypt. Shared with
 * the services' tests through party-model's test jar.
 */
public class CountingHasher implements PasswordHasher {

    private final BcryptPasswordHasher real = new BcryptPasswordHasher(4);
    public final AtomicLong verifications = new AtomicLong();

    @Override
    public String hash(char[] password) {
        return real.hash(password);
    }

    @Override
    public boolean verify(char[] password, String hash) {
        verifications.incrementAndGet();
        return real.verify(password, hash);
    }
}
