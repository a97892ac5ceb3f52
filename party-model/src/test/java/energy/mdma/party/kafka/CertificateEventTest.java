package energy.mdma.party.kafka;

import energy.mdma.events.CredentialKind;
import energy.mdma.party.auth.BcryptPasswordHasher;
import energy.mdma.party.auth.CertificateInUseException;
import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.auth.PasswordPolicy;
import energy.mdma.party.model.CertificateEvent;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectoryView;
import energy.mdma.party.model.RecordingPartyEventSink;
import energy.mdma.party.model.Role;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class CertificateEventTest {

    static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
    static final String FP = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void registrationPublishesOnlyTheFingerprintUnderItsOwnKeyAndReplays() {
        RecordingPartyEventSink sink = new RecordingPartyEventSink();
        PartyDirectoryView dir = new PartyDirectoryView();
        PartyRegistry registry = new PartyRegistry(dir, sink, new BcryptPasswordHasher(4), PasswordPolicy.defaults(),
                Clock.fixed(T, ZoneOffset.UTC));
        registry.upsertParty(new Party("ESP-1", Role.ESP, "ESP one", "1"), "op");
        registry.upsertParty(new Party("UDC", Role.UDC, "UDC", "2"), "op");
        assertTrue(registry.registerCertificate("ESP-1", FP, "op"));
        assertFalse(registry.registerCertificate("ESP-1", FP, "op"), "again: nothing new");
        assertThrows(CertificateInUseException.class, () -> registry.registerCertificate("UDC", FP, "op"));
        assertEquals(1, sink.published(CertificateEvent.class).size());

        energy.mdma.events.CredentialEvent avro = PartyAvro.toAvro(sink.published(CertificateEvent.class).get(0));
        assertEquals(CredentialKind.CLIENT_CERTIFICATE, avro.getKind());
        assertEquals(FP, avro.getHash());
        assertEquals("ESP-1", avro.getPartyId());
        String key = PartyAvro.certificateKey("ESP-1", FP);
        assertNotEquals("ESP-1", key, "never the password record's key");

        // a fresh directory fed from the log: the password record and the certificate side by side
        PartyDirectoryView replay = new PartyDirectoryView();
        PartyAvro.applyCredential(key, avro, T, replay);
        assertEquals(Set.of(FP), replay.certificates("ESP-1"));
        assertEquals(Set.of("ESP-1"), replay.certificateHolders(FP));
        assertTrue(replay.credential("ESP-1").isEmpty());
        // the removal is a tombstone under the certificate's key; it leaves a password alone
        assertTrue(registry.removeCertificate("ESP-1", FP, "op"));
        assertNull(PartyAvro.toAvro(sink.published(CertificateEvent.class).get(1)));
        assertTrue(PartyAvro.fromAvro(key, null, T, Optional.empty()).isEmpty(), "not a password removal");
        PartyAvro.applyCredential(key, null, T, replay);
        assertTrue(replay.certificates("ESP-1").isEmpty());
        assertTrue(replay.certificateHolders(FP).isEmpty());
    }
}
