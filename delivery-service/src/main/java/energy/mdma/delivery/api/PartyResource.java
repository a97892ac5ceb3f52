package energy.mdma.delivery.api;

import energy.mdma.delivery.kafka.EventViews;
import energy.mdma.service.problem.Problem;
import energy.mdma.service.problem.ProblemException;

import com.fasterxml.jackson.annotation.JsonInclude;
import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.security.OperatorBootstrapper;
import energy.mdma.party.auth.AuthMethod;
import energy.mdma.party.auth.AuthOutcome;
import energy.mdma.party.auth.AuthResult;
import energy.mdma.party.auth.Authenticator;
import energy.mdma.party.auth.CertificateFingerprint;
import energy.mdma.party.auth.CertificateInUseException;
import energy.mdma.party.auth.OperatorBootstrap;
import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.auth.PasswordPolicyException;
import energy.mdma.party.auth.UnknownPartyException;
import energy.mdma.party.model.CredentialRecord;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectory;
import energy.mdma.party.model.Role;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Parties, their passwords and their client certificates. */
@Path("/api/v1/parties/{party}")
@Tag(name = "parties")
@Produces(MediaType.APPLICATION_JSON)
public class PartyResource extends ApiResource {

    /**
     * Body of a password change. The passwords are never logged nor echoed. {@code currentPassword} is required when
     * a party changes its own password having authenticated by client certificate (holding the certificate's key
     * must not be enough to take over the password).
     */
    public static class PasswordChange {
        public char[] password;
        public char[] currentPassword;

        @Override
        public String toString() {
            return "PasswordChange[***]";
        }
    }

    /** Body of a party upsert (operators). */
    public record PartyUpsert(String role, String name, String duns) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PartyView(String id, Role role, String name, String duns, Instant passwordSetAt,
                            Instant passwordExpiresAt, Instant lockedUntil) {
    }

    @Inject
    PartyRegistry registry;
    @Inject
    PartyDirectory directory;
    @Inject
    Authenticator authenticator;
    @Inject
    EventViews views;
    @Inject
    OperatorBootstrapper operatorBootstrapper;

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a party's password: operators for any party, a party for itself. JSON {\"password\": \"...\"}")
    public PartyView setPassword(@PathParam("party") String party, PasswordChange body) {
        access.requireSelfOrOperator(party, AuditAction.PASSWORD_CHANGE);
        if (body == null || body.password == null) {
            auditor.record(AuditAction.PASSWORD_CHANGE, party, null, AuditOutcome.INVALID, "no password");
            throw ProblemException.badRequest("Send JSON {\"password\": \"...\"} with the new password (at least "
                    + registry.passwordPolicy().minLength() + " characters).");
        }
        try {
            requireCurrentPasswordOverCertificate(party, body);
        } catch (ProblemException e) {
            Arrays.fill(body.password, '\0');
            throw e;
        } finally {
            if (body.currentPassword != null) {
                Arrays.fill(body.currentPassword, '\0');
            }
        }
        if (directory.party(party).isEmpty()) {
            // the party may have been ingested a moment ago: read the log up to now before saying it is unknown
            views.syncParties(java.time.Duration.ofSeconds(10));
        }
        try {
            registry.setPassword(party, body.password, caller.id());
        } catch (UnknownPartyException e) {
            auditor.record(AuditAction.PASSWORD_CHANGE, party, null, AuditOutcome.NOT_FOUND, "unknown party");
            throw ProblemException.notFound("Party '" + party + "' is not known to the MDMA: parties come from the parties file "
                    + "uploaded to ingest (or PUT /api/v1/parties/" + party + " by an operator).");
        } catch (PasswordPolicyException e) {
            auditor.record(AuditAction.PASSWORD_CHANGE, party, null, AuditOutcome.INVALID, "policy");
            throw new ProblemException(new Problem("password-policy", "Password refused", 422, e.getMessage()));
        } finally {
            Arrays.fill(body.password, '\0');
        }
        auditor.record(AuditAction.PASSWORD_CHANGE, party, null, AuditOutcome.SUCCESS, "set by " + caller.id()
                + (caller.result().method() == AuthMethod.CERTIFICATE ? " (certificate and current password)" : ""));
        if (OperatorBootstrap.OPERATOR_ID.equals(party)) {
            operatorBootstrapper.forgetInitialPassword();
        }
        return view(party);
    }

    /**
     * A party that authenticated by client certificate proves its current password before it sets a new one (with
     * HTTP Basic the request itself proved it). The check is a login attempt: it counts towards the lockout.
     * Operators may set any password.
     */
    private void requireCurrentPasswordOverCertificate(String party, PasswordChange body) {
        if (caller.isOperator() || caller.result().method() != AuthMethod.CERTIFICATE) {
            return;
        }
        if (body.currentPassword == null || body.currentPassword.length == 0) {
            auditor.record(AuditAction.PASSWORD_CHANGE, party, null, AuditOutcome.DENIED, "certificate without current password");
            throw new ProblemException(new Problem("current-password-required", "Current password required", 403,
                    "You authenticated with a client certificate: to set a new password, also send the current one "
                            + "as JSON {\"password\": \"new\", \"currentPassword\": \"current\"}, or ask an MDMA "
                            + "operator to set it."));
        }
        AuthResult check = authenticator.authenticate(party, body.currentPassword, caller.source());
        if (check.outcome() != AuthOutcome.OK && check.outcome() != AuthOutcome.EXPIRED) {
            auditor.record(AuditAction.PASSWORD_CHANGE, party, null, AuditOutcome.DENIED,
                    "certificate, current password " + check.outcome());
            throw new ProblemException(new Problem("current-password-wrong", "Current password not accepted", 403,
                    "The current password was not accepted (" + check.outcome() + "): nothing was changed. After "
                            + authenticator.policy().maxFailures() + " wrong passwords in a row the account is locked; "
                            + "an MDMA operator can set a new password."));
        }
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or update a party (operators). JSON {\"role\": \"UDC|ESP|HEADEND|OPERATOR\", \"name\": \"...\", \"duns\": \"...\"}")
    public PartyView upsert(@PathParam("party") String party, PartyUpsert body) {
        access.requireOperator(AuditAction.PARTY_CHANGE, party);
        Role role;
        try {
            role = Role.valueOf(body == null || body.role() == null ? "" : body.role().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            auditor.record(AuditAction.PARTY_CHANGE, party, null, AuditOutcome.INVALID, "role");
            throw ProblemException.badRequest("role must be one of OPERATOR, UDC, ESP, HEADEND.");
        }
        if (!Party.isValidId(party)) {
            auditor.record(AuditAction.PARTY_CHANGE, party, null, AuditOutcome.INVALID, "id");
            throw ProblemException.badRequest("A party id is 1-64 characters of A-Z a-z 0-9 . _ - (not . or ..).");
        }
        registry.upsertParty(new Party(party, role, body.name(), body.duns()), caller.id());
        auditor.record(AuditAction.PARTY_CHANGE, party, null, AuditOutcome.SUCCESS, role.name());
        return view(party);
    }

    @GET
    @Operation(summary = "A party and the state of its password (operators, or the party itself)")
    public PartyView get(@PathParam("party") String party) {
        access.requireSelfOrOperator(party, AuditAction.PARTY_CHANGE);
        if (directory.party(party).isEmpty()) {
            throw ProblemException.notFound("Party '" + party + "' is not known to the MDMA.");
        }
        return view(party);
    }

    /** Body of a certificate registration as JSON: the PEM certificate (never the key). */
    public record CertificateBody(String certificate) {
    }

    /** A party's registered client certificates (SHA-256 fingerprints, lower-case hex). */
    public record CertificatesView(String party, List<String> fingerprints) {
    }

    /** A certificate just registered: what the MDMA keeps (the fingerprint) and what it was read from. */
    public record CertificateView(String party, String fingerprint, String subject, Instant notBefore, Instant notAfter,
                                  boolean alreadyRegistered) {
    }

    @PUT
    @Path("certificate")
    @Consumes({"application/x-pem-file", MediaType.TEXT_PLAIN})
    @Operation(summary = "Register a client certificate for a party (operators): the PEM certificate as the body. "
            + "Only its SHA-256 fingerprint is kept and published; a request presenting it then authenticates as the party.")
    public CertificateView registerCertificatePem(@PathParam("party") String party, String pem) {
        return registerCertificate(party, pem);
    }

    @PUT
    @Path("certificate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a client certificate for a party (operators): JSON {\"certificate\": \"-----BEGIN CERTIFICATE-----...\"}")
    public CertificateView registerCertificateJson(@PathParam("party") String party, CertificateBody body) {
        return registerCertificate(party, body == null ? null : body.certificate());
    }

    @GET
    @Path("certificate")
    @Operation(summary = "The fingerprints of a party's registered client certificates (operators, or the party itself)")
    public CertificatesView certificates(@PathParam("party") String party) {
        access.requireSelfOrOperator(party, AuditAction.PARTY_CHANGE);
        if (directory.party(party).isEmpty()) {
            throw ProblemException.notFound("Party '" + party + "' is not known to the MDMA.");
        }
        return new CertificatesView(party, List.copyOf(directory.certificates(party)));
    }

    @DELETE
    @Path("certificate")
    @Operation(summary = "Remove every client certificate of a party (operators)")
    public CertificatesView removeCertificates(@PathParam("party") String party) {
        access.requireOperator(AuditAction.PARTY_CHANGE, party);
        for (String fingerprint : directory.certificates(party)) {
            removeOne(party, fingerprint);
        }
        return new CertificatesView(party, List.copyOf(directory.certificates(party)));
    }

    @DELETE
    @Path("certificate/{fingerprint}")
    @Operation(summary = "Remove one client certificate of a party by its SHA-256 fingerprint (operators; hex, colons allowed)")
    public CertificatesView removeCertificate(@PathParam("party") String party, @PathParam("fingerprint") String fingerprint) {
        access.requireOperator(AuditAction.PARTY_CHANGE, party);
        String fp = CertificateFingerprint.normalize(fingerprint);
        if (fp == null || !directory.certificates(party).contains(fp)) {
            throw ProblemException.notFound("No such client certificate is registered for '" + party + "'.");
        }
        removeOne(party, fp);
        return new CertificatesView(party, List.copyOf(directory.certificates(party)));
    }

    private void removeOne(String party, String fingerprint) {
        if (registry.removeCertificate(party, fingerprint, caller.id())) {
            auditor.record(AuditAction.PARTY_CHANGE, party, null, AuditOutcome.SUCCESS,
                    "certificate removed sha256=" + fingerprint + " by " + caller.id());
        }
    }

    private CertificateView registerCertificate(String party, String pem) {
        access.requireOperator(AuditAction.PARTY_CHANGE, party);
        X509Certificate certificate;
        try {
            certificate = CertificateFingerprint.parsePem(pem);
        } catch (IllegalArgumentException e) {
            auditor.record(AuditAction.PARTY_CHANGE, party, null, AuditOutcome.INVALID, "certificate");
            throw ProblemException.badRequest("Send the party's client certificate in PEM (-----BEGIN CERTIFICATE-----), "
                    + "as the body (Content-Type application/x-pem-file or text/plain) or as JSON {\"certificate\": \"...\"}: "
                    + e.getMessage() + ".");
        }
        Instant now = Instant.now();
        if (now.isAfter(certificate.getNotAfter().toInstant()) || now.isBefore(certificate.getNotBefore().toInstant())) {
            auditor.record(AuditAction.PARTY_CHANGE, party, null, AuditOutcome.INVALID, "certificate not valid now");
            throw new ProblemException(new Problem("certificate-not-valid", "Certificate not valid now", 422,
                    "The certificate is valid from " + certificate.getNotBefore().toInstant() + " to "
                            + certificate.getNotAfter().toInstant() + ": register a current one."));
        }
        if (directory.party(party).isEmpty()) {
            views.syncParties(java.time.Duration.ofSeconds(10));
        }
        String fingerprint = CertificateFingerprint.sha256(certificate);
        boolean added;
        try {
            added = registry.registerCertificate(party, fingerprint, caller.id());
        } catch (UnknownPartyException e) {
            auditor.record(AuditAction.PARTY_CHANGE, party, null, AuditOutcome.NOT_FOUND, "unknown party");
            throw ProblemException.notFound("Party '" + party + "' is not known to the MDMA.");
        } catch (CertificateInUseException e) {
            auditor.record(AuditAction.PARTY_CHANGE, party, null, AuditOutcome.INVALID, "certificate of another party");
            throw new ProblemException(new Problem("certificate-in-use", "Certificate in use", 409,
                    "This certificate (sha256 " + fingerprint + ") is registered for party '" + e.holder()
                            + "': remove it there first (DELETE /api/v1/parties/" + e.holder() + "/certificate/" + fingerprint + ")."));
        }
        auditor.record(AuditAction.PARTY_CHANGE, party, null, AuditOutcome.SUCCESS,
                "certificate registered sha256=" + fingerprint + " by " + caller.id());
        return new CertificateView(party, fingerprint, certificate.getSubjectX500Principal().getName(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), !added);
    }

    private PartyView view(String id) {
        Party p = directory.party(id).orElseThrow();
        CredentialRecord c = directory.credential(id).orElse(null);
        return new PartyView(p.id(), p.role(), p.name(), p.duns(), c == null ? null : c.passwordSetAt(),
                c == null ? null : authenticator.expiresAt(c),
                c == null ? null : authenticator.lockout().lockedUntil(id, c.version()).orElse(null));
    }
}
