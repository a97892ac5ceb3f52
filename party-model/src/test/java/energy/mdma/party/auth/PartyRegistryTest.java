package energy.mdma.party.auth;

import energy.mdma.testsupport.TestClock;
import energy.mdma.party.model.CredentialChange;
import energy.mdma.party.model.CredentialUpdate;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectoryView;
import energy.mdma.party.model.PartyEventSink;
import energy.mdma.party.model.PartyUpdate;
import energy.mdma.party.model.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class PartyRegistryTest {

    final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    final List<PartyUpdate> partyEvents = new ArrayList<>();
    final List<CredentialUpdate> credentialEvents = new ArrayList<>();
    final PartyEventSink sink = new PartyEventSink() {
        public void publish(PartyUpdate e) { partyEvents.add(e); }
        public void publish(CredentialUpdate e) { credentialEvents.add(e); }
    };
    final BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);

    @Test
    void everyChangeIsAnEventAndTheDirectoryCanBeRebuiltFromThem() {
        PartyDirectoryView dir = new PartyDirectoryView();
        PartyRegistry reg = new PartyRegistry(dir, sink, hasher, PasswordPolicy.defaults(), clock);
        reg.upsertParty(new Party("UDC1", Role.UDC, "Utility", "1"), "ingest");
        reg.upsertParty(new Party("ESP1", Role.ESP, "Esp", "2"), "ingest");
        reg.upsertParty(new Party("ESP2", Role.ESP, "Esp two", "3"), "ingest");
        reg.setPassword("UDC1", "udc-password-long".toCharArray(), "operator");
        reg.setPassword("ESP1", "esp-password-long".toCharArray(), "operator");
        reg.removeParty("ESP2", "operator");
        assertEquals(4, partyEvents.size());
        assertEquals(2, credentialEvents.size());
        assertTrue(credentialEvents.stream().allMatch(e -> e.change() == CredentialChange.PASSWORD_SET));

        PartyDirectoryView rebuilt = new PartyDirectoryView();
        partyEvents.forEach(rebuilt::apply);
        credentialEvents.forEach(rebuilt::apply);
        assertEquals(dir.parties(), rebuilt.parties());
        assertEquals(dir.credential("UDC1"), rebuilt.credential("UDC1"));
        assertEquals(dir.credential("ESP1"), rebuilt.credential("ESP1"));
        assertTrue(rebuilt.party("ESP2").isEmpty());

        // replaying again (at-least-once delivery) changes nothing; a stale event is ignored
        credentialEvents.forEach(rebuilt::apply);
        reg.setPassword("UDC1", "udc-password-newer".toCharArray(), "UDC1");
        rebuilt.apply(credentialEvents.get(2));
        rebuilt.apply(credentialEvents.get(0));
        assertEquals(dir.credential("UDC1"), rebuilt.credential("UDC1"));
    }

    @Test
    void failingSinkAbortsTheChange() {
        PartyDirectoryView dir = new PartyDirectoryView();
        dir.apply(PartyUpdate.upsert(new Party("UDC1", Role.UDC, "U", null), clock.instant(), "t"));
        PartyEventSink broken = new PartyEventSink() {
            public void publish(PartyUpdate e) { throw new IllegalStateException("down"); }
            public void publish(CredentialUpdate e) { throw new IllegalStateException("down"); }
        };
        PartyRegistry reg = new PartyRegistry(dir, broken, hasher, PasswordPolicy.defaults(), clock);
        assertThrows(IllegalStateException.class, () -> reg.setPassword("UDC1", "udc-password-long".toCharArray(), "op"));
        assertTrue(dir.credential("UDC1").isEmpty());
    }

    @Test
    void refusesUnknownPartyAndWeakPassword() {
        PartyDirectoryView dir = new PartyDirectoryView();
        PartyRegistry reg = new PartyRegistry(dir, sink, hasher, PasswordPolicy.defaults(), clock);
        assertThrows(UnknownPartyException.class, () -> reg.setPassword("ghost", "long-enough-password".toCharArray(), "op"));
        reg.upsertParty(new Party("UDC1", Role.UDC, "U", null), "t");
        PasswordPolicyException e = assertThrows(PasswordPolicyException.class,
                () -> reg.setPassword("UDC1", "short".toCharArray(), "op"));
        assertTrue(e.getMessage().contains("12"));
    }

    @Test
    void partyIdsRejectPathTricks() {
        assertThrows(IllegalArgumentException.class, () -> new Party("..", Role.ESP, "x", null));
        assertThrows(IllegalArgumentException.class, () -> new Party("a/b", Role.ESP, "x", null));
        assertThrows(IllegalArgumentException.class, () -> new Party("", Role.ESP, "x", null));
        assertFalse(Party.isValidId("%2e%2e"));
        assertTrue(Party.isValidId("ESP-1.two_3"));
    }

    @Test
    void operatorBootstrapFromEnvironmentGeneratedOrAlreadySet() {
        PartyDirectoryView dir = new PartyDirectoryView();
        PartyRegistry reg = new PartyRegistry(dir, sink, hasher, PasswordPolicy.defaults(), clock);
        AtomicReference<String> shown = new AtomicReference<>();
        assertEquals(OperatorBootstrap.Result.FROM_ENVIRONMENT,
                OperatorBootstrap.ensureOperator(reg, "env-operator-pass", shown::set));
        assertNull(shown.get());
        Authenticator a = new Authenticator(reg, hasher, CredentialPolicy.defaults(), null);
        assertEquals(AuthOutcome.OK, a.authenticate("operator", "env-operator-pass".toCharArray(), "x").outcome());
        assertEquals(Role.OPERATOR, dir.party("operator").orElseThrow().role());
        assertEquals(OperatorBootstrap.Result.ALREADY_SET,
                OperatorBootstrap.ensureOperator(reg, "other-operator-pass", shown::set));

        PartyDirectoryView dir2 = new PartyDirectoryView();
        PartyRegistry reg2 = new PartyRegistry(dir2, sink, hasher, PasswordPolicy.defaults(), clock);
        assertEquals(OperatorBootstrap.Result.GENERATED, OperatorBootstrap.ensureOperator(reg2, "  ", shown::set));
        assertNotNull(shown.get());
        assertTrue(shown.get().length() >= 12);
        Authenticator a2 = new Authenticator(reg2, hasher, CredentialPolicy.defaults(), null);
        assertEquals(AuthOutcome.OK, a2.authenticate("operator", shown.get().toCharArray(), "x").outcome());
        String first = shown.get();
        shown.set(null);
        assertEquals(OperatorBootstrap.Result.ALREADY_SET, OperatorBootstrap.ensureOperator(reg2, null, shown::set));
        assertNull(shown.get(), "shown only once");
        assertNotEquals(first, OperatorBootstrap.generate(20));

        PartyDirectoryView dir3 = new PartyDirectoryView();
        PartyRegistry reg3 = new PartyRegistry(dir3, sink, hasher, PasswordPolicy.defaults(), clock);
        PasswordPolicyException e = assertThrows(PasswordPolicyException.class,
                () -> OperatorBootstrap.ensureOperator(reg3, "short-one", shown::set));
        assertTrue(e.getMessage().contains("MDMA_OPERATOR_PASSWORD"));
        assertFalse(e.getMessage().contains("short-one"));
    }
}
