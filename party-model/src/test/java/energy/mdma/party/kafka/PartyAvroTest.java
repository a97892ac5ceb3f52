package energy.mdma.party.kafka;

import energy.mdma.party.model.CredentialChange;
import energy.mdma.party.model.CredentialUpdate;
import energy.mdma.party.auth.CredentialPolicy;
import energy.mdma.party.auth.LoginLockout;
import energy.mdma.party.model.CredentialRecord;
import energy.mdma.party.model.LockoutEvent;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectoryView;
import energy.mdma.party.model.PartyUpdate;
import energy.mdma.party.model.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class PartyAvroTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00.123Z");

    @Test
    void partyRoundTripAndTombstone() {
        PartyUpdate e = PartyUpdate.upsert(new Party("ESP-1", Role.ESP, "An ESP", "123456789"), T, "ingest");
        energy.mdma.events.PartyEvent avro = PartyAvro.toAvro(e);
        assertEquals("ESP", avro.getRole().name());
        PartyUpdate back = PartyAvro.fromAvro("ESP-1", avro, T).orElseThrow();
        assertEquals(e.party(), back.party());
        assertEquals("ingest", back.actor());
        assertNull(PartyAvro.toAvro(PartyUpdate.removed("ESP-1", T, "op")));
        assertTrue(PartyAvro.fromAvro("ESP-1", null, T).orElseThrow().isRemoval());
    }

    @Test
    void credentialRoundTripCarriesNoLoginState() {
        CredentialRecord r = new CredentialRecord("ESP-1", "$2b$04$abcdefghijklmnopqrstuuMrGmO5lvd0gDpkZ5lRxkYSbdE8Cm8xW",
                T, 7);
        CredentialUpdate e = new CredentialUpdate("ESP-1", r, CredentialChange.PASSWORD_SET, T, "operator");
        energy.mdma.events.CredentialEvent avro = PartyAvro.toAvro(e);
        assertEquals(0, avro.getConsecutiveFailures());
        assertNull(avro.getLockedUntil());
        CredentialUpdate back = PartyAvro.fromAvro("ESP-1", avro, T, Optional.empty()).orElseThrow();
        assertEquals(CredentialChange.PASSWORD_SET, back.change());
        assertEquals(r, back.credential());
        assertFalse(back.toString().contains(r.passwordHash()), "no hash in toString");
        assertNull(PartyAvro.toAvro(new CredentialUpdate("ESP-1", null, CredentialChange.REMOVED, T, "op")));
        assertTrue(PartyAvro.fromAvro("ESP-1", null, T, Optional.empty()).orElseThrow().isRemoval());
    }

    @Test
    void lockoutStateHasItsOwnKeyAndNeverTouchesThePasswordRecord() {
        PartyDirectoryView dir = new PartyDirectoryView();
        CredentialRecord r = new CredentialRecord("ESP-1", "$2b$04$abcdefghijklmnopqrstuuMrGmO5lvd0gDpkZ5lRxkYSbdE8Cm8xW",
                T, 3);
        PartyAvro.applyCredential("ESP-1", PartyAvro.toAvro(new CredentialUpdate("ESP-1", r, CredentialChange.PASSWORD_SET,
                T, "operator")), T, dir);
        LockoutEvent locked = new LockoutEvent("ESP-1", 3, 0, T.plusSeconds(900), CredentialChange.LOCKED_OUT, T,
                "ingest-1");
        energy.mdma.events.CredentialEvent avro = PartyAvro.toAvro(locked);
        assertEquals("ESP-1/lockout", PartyAvro.lockoutKey("ESP-1"));
        assertEquals(locked, PartyAvro.lockoutFromAvro("ESP-1/lockout", avro).orElseThrow());
        assertTrue(PartyAvro.lockoutFromAvro("ESP-1", avro).isEmpty(), "only under its own key");
        assertTrue(PartyAvro.lockoutFromAvro("ESP-2/lockout", avro).isEmpty(), "key and content agree");
        assertTrue(PartyAvro.fromAvro("ESP-1/lockout", avro, T, Optional.empty()).isEmpty(), "never a password");

        energy.mdma.testsupport.TestClock clock = new energy.mdma.testsupport.TestClock(T);
        LoginLockout lockout = LoginLockout.inMemory(CredentialPolicy.defaults(), clock);
        PartyAvro.applyCredential("ESP-1/lockout", avro, T, dir, lockout);
        PartyAvro.applyCredential("ESP-1/lockout", avro, T, dir); // a reader without lockout skips it
        assertEquals(r, dir.credential("ESP-1").orElseThrow(), "the password record is untouched");
        assertEquals(T.plusSeconds(900), lockout.lockedUntil("ESP-1", 3).orElseThrow());
        PartyAvro.applyCredential("ESP-1/lockout", null, T, dir, lockout); // a tombstone removes nothing
        assertTrue(dir.credential("ESP-1").isPresent());
    }

    @Test
    void legacyVersionZeroFollowsLogOrder() {
        PartyDirectoryView dir = new PartyDirectoryView();
        for (String hash : new String[]{"$2b$04$first", "$2b$04$second"}) {
            energy.mdma.events.CredentialEvent legacy = energy.mdma.events.CredentialEvent.newBuilder()
                    .setPartyId("UDC").setKind(energy.mdma.events.CredentialKind.PASSWORD).setHash(hash)
                    .setSetAt(T).setSetBy("operator").build();
            assertEquals(0, legacy.getVersion());
            dir.apply(PartyAvro.fromAvro("UDC", legacy, T, dir.credential("UDC")).orElseThrow());
        }
        assertEquals("$2b$04$second", dir.credential("UDC").orElseThrow().passwordHash());
    }
}
