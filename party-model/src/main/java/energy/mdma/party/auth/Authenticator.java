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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Checks a user name and password against the {@link PartyDirectory}, applying lockout and expiry
 * ({@link CredentialPolicy}). Logs nothing; the caller audits the {@link AuthResult} (which holds no password).
 *
 * <p>HTTP Basic sends the password with every request; to avoid a bcrypt verification per request, a successful
 * verification is remembered for {@code cacheTtl} as an HMAC of the password under a key that exists only in
 * this process's memory, bound to the stored hash (a password change invalidates it). Lockout and expiry are
 * checked on every call regardless.
 */
public class Authenticator {

    private final PartyDirectory directory;
    private final PartyRegistry registry;
    private final PasswordHasher hasher;
    private final CredentialPolicy policy;
    private final Clock clock;
    private final Duration cacheTtl;
    private final byte[] cacheKey = new byte[32];
    private final ConcurrentMap<String, CachedVerification> cache = new ConcurrentHashMap<>();
    private final String dummyHash;

    private record CachedVerification(String passwordHash, byte[] mac, Instant until) {
    }

    public Authenticator(PartyRegistry registry, PasswordHasher hasher, CredentialPolicy policy, Duration cacheTtl) {
        this.registry = Objects.requireNonNull(registry);
        this.directory = registry.directory();
        this.hasher = Objects.requireNonNull(hasher);
        this.policy = Objects.requireNonNull(policy);
        this.clock = registry.clock();
        this.cacheTtl = cacheTtl == null ? Duration.ZERO : cacheTtl;
        new SecureRandom().nextBytes(cacheKey);
        char[] filler = new char[16];
        Arrays.fill(filler, 'x');
        this.dummyHash = hasher.hash(filler);
    }

    public CredentialPolicy policy() {
        return policy;
    }

    /**
     * One login attempt.
     *
     * @param user     user name as sent (party id or operator name)
     * @param password the password as sent; not kept
     * @param source   where the attempt came from (IP address), for the caller's audit
     */
    public AuthResult authenticate(String user, char[] password, String source) {
        Instant now = clock.instant();
        Party party = user == null ? null : directory.party(user).orElse(null);
        CredentialRecord cred = party == null ? null : directory.credential(user).orElse(null);
        if (party == null || cred == null) {
            hasher.verify(password == null ? new char[0] : password, dummyHash); // same cost as a real check
            return new AuthResult(AuthOutcome.UNKNOWN, user, source, null, null, false, null);
        }
        if (cred.lockedAt(now)) {
            return new AuthResult(AuthOutcome.LOCKED, user, source, null, null, false, cred.lockedUntil());
        }
        if (!verify(user, password, cred.passwordHash(), now)) {
            CredentialRecord after = registry.recordFailure(user, cred.passwordHash(), policy);
            Instant lockedUntil = after != null && after.lockedAt(now) ? after.lockedUntil() : null;
            return new AuthResult(AuthOutcome.BAD_PASSWORD, user, source, null, null, false, lockedUntil);
        }
        registry.recordSuccess(user);
        PartyPrincipal principal = new PartyPrincipal(party);
        Instant expiresAt = expiresAt(cred);
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return new AuthResult(AuthOutcome.EXPIRED, user, source, principal, expiresAt, false, null);
        }
        boolean warn = expiresAt != null && !now.isBefore(expiresAt.minus(policy.warnBefore()));
        return new AuthResult(AuthOutcome.OK, user, source, principal, expiresAt, warn, null);
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
