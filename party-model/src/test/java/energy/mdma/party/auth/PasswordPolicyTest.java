package energy.mdma.party.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PasswordPolicyTest {
    final PasswordPolicy policy = PasswordPolicy.defaults();

    @Test
    void twelveCharactersMinimum() {
        assertTrue(policy.violation("u", "12345678901".toCharArray()).isPresent());
        assertTrue(policy.violation("u", "123456789012".toCharArray()).isEmpty());
        assertTrue(policy.violation("u", new char[0]).isPresent());
        assertTrue(policy.violation("u", null).isPresent());
    }

    @Test
    void countsCharactersNotBytesButCapsBytesAt72() {
        assertTrue(policy.violation("u", "ééééééééééé".toCharArray()).isPresent(), "11 chars");
        assertTrue(policy.violation("u", "éééééééééééé".toCharArray()).isEmpty(), "12 chars, 24 bytes");
        assertTrue(policy.violation("u", "a".repeat(72).toCharArray()).isEmpty());
        assertTrue(policy.violation("u", "a".repeat(73).toCharArray()).isPresent());
    }

    @Test
    void refusesUserNameAndControlCharacters() {
        assertTrue(policy.violation("operator-long", "OPERATOR-LONG".toCharArray()).isPresent());
        assertTrue(policy.violation("u", "abcdefghijk\tl".toCharArray()).isPresent());
    }

    @Test
    void messageNeverContainsThePassword() {
        String pw = "short-pw";
        String msg = policy.violation("u", pw.toCharArray()).orElseThrow();
        assertFalse(msg.contains(pw));
    }
}
