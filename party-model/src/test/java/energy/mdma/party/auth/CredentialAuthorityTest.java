package energy.mdma.party.auth;

import energy.mdma.testsupport.TestClock;
import energy.mdma.party.kafka.PartyAvro;
import energy.mdma.party.model.CredentialUpdate;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectoryView;
import energy.mdma.party.model.PartyEventSink;
import energy.mdma.party.model.PartyUpdate;
import energy.mdma.party.model.RecordingPartyEventSink;
import energy.mdma.party.model.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A credential has one authority: the service that owns the record (delivery). Another service that checks
 * logins against it (ingest) counts failed logins without raising the credential's version, so the owner's
 * password reset always wins.
 */
class CredentialAuthorityTest {

    final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    final BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);
    /** What the owner wrote to mdma.credentials, in order. */
    final RecordingPartyEventSink toLog = new RecordingPartyEventSink();
    final List<Object> log = toLog.published;

    /** The reading service's directory is fed from the log only (through the Avro mapping, as from the topic). */
    private void replay(PartyDirectoryView reader, int from) {
        for (Object o : log.subList(from, log.size())) {
            if (o instanceof PartyUpdate p) {
                reader.apply(p);
            } else if (o instanceof CredentialUpdate c) {
                PartyAvro.applyCredential(c.principal(), PartyAvro.toAvro(c), c.at(), reader);
            }
        }
    }

    @Test
    void aResetByTheOwnerIsNeverMaskedByTheReadersFailureCount() {
        PartyDirectoryView ownerDir = new PartyDirectoryView();
        PartyRegistry owner = new PartyRegistry(ownerDir, toLog, hasher, PasswordPolicy.defaults(), clock);
        owner.upsertParty(new Party("ESP-R", Role.ESP, "ESP", null), "ingest");
        owner.setPassword("ESP-R", "old-password-123".toCharArray(), "operator");

        // the reader (ingest): its own directory from the log, its own authenticator, publishes nothing
        PartyDirectoryView readerDir = new PartyDirectoryView();
        replay(readerDir, 0);
        int seen = log.size();
        PartyRegistry readerRegistry = new PartyRegistry(readerDir, PartyEventSink.NONE, hasher,
                PasswordPolicy.defaults(), clock);
        Authenticator reader = new Authenticator(readerRegistry, hasher, CredentialPolicy.defaults(), Duration.ZERO);
        assertEquals(AuthOutcome.OK, reader.authenticate("ESP-R", "old-password-123".toCharArray(), "x").outcome());
        for (int i = 0; i < 3; i++) {
            assertEquals(AuthOutcome.BAD_PASSWORD,
                    reader.authenticate("ESP-R", "a-wrong-guess-123".toCharArray(), "x").outcome());
        }

        // the operator resets the password at the owner; the reader reads the change from the log
        owner.setPassword("ESP-R", "new-password-456".toCharArray(), "operator");
        replay(readerDir, seen);
        assertEquals(AuthOutcome.OK, reader.authenticate("ESP-R", "new-password-456".toCharArray(), "x").outcome(),
                "the new password works at the reader");
        assertEquals(AuthOutcome.BAD_PASSWORD,
                reader.authenticate("ESP-R", "old-password-123".toCharArray(), "x").outcome(),
                "the old password no longer works at the reader");
        assertEquals(ownerDir.credential("ESP-R"), readerDir.credential("ESP-R"),
                "the reader holds exactly the owner's record");
    }

    @Test
    void aResetUnlocksAPartyLockedAtTheReader() {
        PartyDirectoryView ownerDir = new PartyDirectoryView();
        PartyRegistry owner = new PartyRegistry(ownerDir, toLog, hasher, PasswordPolicy.defaults(), clock);
        owner.upsertParty(new Party("ESP-L", Role.ESP, "ESP", null), "ingest");
        owner.setPassword("ESP-L", "old-password-123".toCharArray(), "operator");
        PartyDirectoryView readerDir = new PartyDirectoryView();
        replay(readerDir, 0);
        int seen = log.size();
        Authenticator reader = new Authenticator(new PartyRegistry(readerDir, PartyEventSink.NONE, hasher,
                PasswordPolicy.defaults(), clock), hasher, CredentialPolicy.defaults(), Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            reader.authenticate("ESP-L", "a-wrong-guess-123".toCharArray(), "x");
        }
        assertEquals(AuthOutcome.LOCKED, reader.authenticate("ESP-L", "old-password-123".toCharArray(), "x").outcome());
        owner.setPassword("ESP-L", "new-password-456".toCharArray(), "operator");
        replay(readerDir, seen);
        assertEquals(AuthOutcome.OK, reader.authenticate("ESP-L", "new-password-456".toCharArray(), "x").outcome(),
                "a new password unlocks (ask an operator to set one)");
    }
}
