package energy.mdma.party.auth;

import energy.mdma.party.model.CredentialRecord;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Checks a user name and password against the {@link PartyDirectory}, applying lockout ({@link LoginLockout}) and
 * expiry ({@link CredentialPolicy}). Logs nothing; the caller audits the {@link AuthResult} (which holds no password).
 *
 * <p>Cheap checks come first: a user name that cannot be a party id, or a password bcrypt could never match (over 72
 * bytes), is refused without a bcrypt check. The attempts of one principal are serialised by the lockout, which is
 * checked before the password: while a lock is active no password is checked, and a correct one does not lift it.
 *
 * <p>HTTP Basic sends the password with every request; to avoid a bcrypt verification per request, a successful
 * verification is remembered for {@code cacheTtl} as an HMAC of the password under a key that exists only in
 * this process's memory, bound to the stored hash (a password change invalidates it). Lockout and expiry are
 * checked on every call regardless.
 *
 * <p>Nothing here writes the credential record: its owner (delivery-service) alone sets passwords and raises its
 * version; a service that only checks logins (ingest) counts failures in its {@link LoginLockout}.
 */
public class Authenticator {

    private final PartyDirectory directory;
    private final PasswordHasher hasher;
    private final CredentialPolicy policy;
    private final Clock clock;
    private final LoginLockout lockout;
    private final Duration cacheTtl;
    private final byte[] cacheKey = new byte[32];
    private final ConcurrentMap<String, CachedVerification> cache = new ConcurrentHashMap<>();
    private final String dummyHash;

    private record CachedVerification(String passwordHash, byte[] mac, Instant until) {
    }

    /**
     * @param lockout failed-login counting (its policy is the one applied); see {@link LoginLockout}
     */
    public Authenticator(PartyDirectory directory, PasswordHasher hasher, LoginLockout lockout, Clock clock,
                         Duration cacheTtl) {
        this.directory = Objects.requireNonNull(directory);
        this.hasher = Objects.requireNonNull(hasher);
        this.lockout = Objects.requireNonNull(lockout);
        this.policy = lockout.policy();
        this.clock = Objects.requireNonNull(clock);
        this.cacheTtl = cacheTtl == null ? Duration.ZERO : cacheTtl;
        new SecureRandom().nextBytes(cacheKey);
        char[] filler = new char[16];
        Arrays.fill(filler, 'x');
        this.dummyHash = hasher.hash(filler);
    }

    /** Against a registry's directory and clock, with an in-memory lockout (a single process, tests). */
    public Authenticator(PartyRegistry registry, PasswordHasher hasher, CredentialPolicy policy, Duration cacheTtl) {
        this(registry.directory(), hasher, LoginLockout.inMemory(policy, registry.clock()), registry.clock(), cacheTtl);
    }

    public CredentialPolicy policy() {
        return policy;
    }

    public LoginLockout lockout() {
        return lockout;
    }

    /**
     * Whether the user name and password could be right at all, judged without bcrypt: a valid party id and a
     * password bcrypt can match (present, at most 72 bytes in UTF-8).
     */
    public static boolean plausible(String user, char[] password) {
        if (!Party.isValidId(user) || password == null || password.length > PasswordPolicy.MAX_BYTES) {
            return false;
        }
        byte[] bytes = BcryptPasswordHasher.utf8(password);
        int n = bytes.length;
        Arrays.fill(bytes, (byte) 0);
        return n <= PasswordPolicy.MAX_BYTES;
    }

    /** Whether {@code user} is a principal with a credential (cheap: a directory lookup). */
    public boolean knows(String user) {
        return user != null && directory.party(user).isPresent() && directory.credential(user).isPresent();
    }

    /**
     * Whether this password was verified for the user within the cache's lifetime (cheap: an HMAC, no bcrypt), so
     * that checking it costs nothing. Says nothing about lockout or expiry.
     */
    public boolean isCached(String user, char[] password) {
        if (cacheTtl.isZero() || !plausible(user, password)) {
            return false;
        }
        CachedVerification c = cache.get(user);
        CredentialRecord cred = directory.credential(user).orElse(null);
        if (c == null || cred == null || !c.passwordHash.equals(cred.passwordHash())
                || !clock.instant().isBefore(c.until)) {
            return false;
        }
        byte[] mac = mac(user, password);
        return mac != null && MessageDigest.isEqual(c.mac, mac);
    }

    /**
     * One login attempt.
     *
     * @param user     user name as sent (party id or operator name)
     * @param password the password as sent; not kept
     * @param source   where the attempt came from (IP address), for the caller's audit
     */
    public AuthResult authenticate(String user, char[] password, String source) {
        if (!Party.isValidId(user)) {
            return new AuthResult(AuthOutcome.UNKNOWN, user, source, null, null, false, null);
        }
        Party party = directory.party(user).orElse(null);
        if (party == null || directory.credential(user).isEmpty()) {
            return unknown(user, password, source);
        }
        Optional<LoginLockout.Attempt> started = lockout.begin(user);
        if (started.isEmpty()) {
            return new AuthResult(AuthOutcome.UNAVAILABLE, user, source, null, null, false, null);
        }
        try (LoginLockout.Attempt attempt = started.get()) {
            // read under the principal's attempt lock: a password set meanwhile is the one checked
            CredentialRecord cred = directory.credential(user).orElse(null);
            if (cred == null) {
                return unknown(user, password, source);
            }
            attempt.against(cred.version());
            if (!attempt.recorded()) {
                return new AuthResult(AuthOutcome.UNAVAILABLE, user, source, null, null, false, null);
            }
            Instant at = clock.instant();
            Instant lockedUntil = attempt.lockedUntil(at);
            if (lockedUntil != null) {
                return new AuthResult(AuthOutcome.LOCKED, user, source, null, null, false, lockedUntil);
            }
            if (!plausible(user, password) || !verify(user, password, cred.passwordHash(), at)) {
                LoginLockout.Failure failure = attempt.failed(at);
                if (!failure.recorded()) {
                    return new AuthResult(AuthOutcome.UNAVAILABLE, user, source, null, null, false, null);
                }
                return new AuthResult(AuthOutcome.BAD_PASSWORD, user, source, null, null, false, failure.lockedUntil());
            }
            attempt.succeeded();
            PartyPrincipal principal = new PartyPrincipal(party);
            Instant expiresAt = expiresAt(cred);
            if (expiresAt != null && !at.isBefore(expiresAt)) {
                return new AuthResult(AuthOutcome.EXPIRED, user, source, principal, expiresAt, false, null);
            }
            boolean warn = expiresAt != null && !at.isBefore(expiresAt.minus(policy.warnBefore()));
            return new AuthResult(AuthOutcome.OK, user, source, principal, expiresAt, warn, null);
        }
    }

    private AuthResult unknown(String user, char[] password, String source) {
        if (plausible(user, password)) {
            hasher.verify(password, dummyHash); // same cost as a real check
        }
        return new AuthResult(AuthOutcome.UNKNOWN, user, source, null, null, false, null);
    }

    /**
     * A TLS client certificate presented by the caller: OK (method CERTIFICATE) when its SHA-256 fingerprint is
     * registered for exactly one known party and the certificate is within its validity dates; otherwise UNKNOWN
     * (user null). The password rules (lockout, expiry) do not apply: a certificate is not a password, and a
     * certificate is withdrawn by removing its registration.
     *
     * @param certificate the leaf certificate of the TLS session (whatever the TLS layer accepted)
     * @param source      where the request came from
     */
    public AuthResult authenticateCertificate(X509Certificate certificate, String source) {
        if (certificate == null) {
            return new AuthResult(AuthOutcome.UNKNOWN, null, source, null, null, false, null, AuthMethod.CERTIFICATE);
        }
        String fingerprint = CertificateFingerprint.sha256(certificate);
        Set<String> holders = directory.certificateHolders(fingerprint);
        Party party = holders.size() == 1 ? directory.party(holders.iterator().next()).orElse(null) : null;
        boolean current;
        try {
            certificate.checkValidity(Date.from(clock.instant()));
            current = true;
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            current = false;
        }
        if (party == null || !current) {
            return new AuthResult(AuthOutcome.UNKNOWN, null, source, null, null, false, null, AuthMethod.CERTIFICATE);
        }
        return new AuthResult(AuthOutcome.OK, party.id(), source, new PartyPrincipal(party), null, false, null,
                AuthMethod.CERTIFICATE);
    }

    /** When the credential's password expires, or null when expiry is not enforced. */
    public Instant expiresAt(CredentialRecord cred) {
        if (!policy.expiryEnforced()) {
            return null;
        }
        return cred.passwordSetAt().atOffset(ZoneOffset.UTC).plus(policy.validity()).toInstant();
    }

    private boolean verify(String user, char[] password, String hash, Instant now) {
        if (password == null) {
            return false;
        }
        byte[] mac = cacheTtl.isZero() ? null : mac(user, password);
        if (mac != null) {
            CachedVerification c = cache.get(user);
            if (c != null && c.passwordHash.equals(hash) && now.isBefore(c.until)
                    && MessageDigest.isEqual(c.mac, mac)) {
                return true;
            }
        }
        boolean ok = hasher.verify(password, hash);
        if (ok && mac != null) {
            cache.put(user, new CachedVerification(hash, mac, now.plus(cacheTtl)));
        }
        return ok;
    }

    private byte[] mac(String user, char[] password) {
        byte[] pw = BcryptPasswordHasher.utf8(password);
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            hmac.update(user.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return hmac.doFinal(pw);
        } catch (GeneralSecurityException e) {
            return null;
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }
}
