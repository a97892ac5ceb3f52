package energy.mdma.delivery;

import energy.mdma.party.auth.BcryptPasswordHasher;
import energy.mdma.party.auth.PasswordHasher;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicLong;

/** bcrypt (cost 4) that counts the passwords it checked; selected by the profiles that need it. */
@Alternative
@Singleton
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
