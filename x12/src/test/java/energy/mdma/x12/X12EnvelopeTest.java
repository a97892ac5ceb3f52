package energy.mdma.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class X12EnvelopeTest {

    private static final Instant AT = Instant.parse("2026-03-08T09:59:30Z");

    private static X12Envelope envelope(String sender, String receiver, long isa13, long gs06) {
        return new X12Envelope(sender, receiver, AT, isa13, gs06, "P");
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void writesTheIsaAndGsOfEdi867() {
        assertEquals("ISA*00*          *00*          *01*123456789      *01*987654321XYZ   *260308*0959*U*00401"
                        + "*000000042*0*P*>~\n"
                        + "GS*PT*123456789*987654321XYZ*20260308*0959*7*X*004010~\n",
                text(envelope("123456789", "987654321XYZ", 42, 7).header()));
    }

    @Test
    void theIsaHasItsFixedWidthWhateverTheIdsAndNumbers() {
        for (X12Envelope e : new X12Envelope[] { envelope("12", "34", 1, 1),
                envelope("123456789012345", "ABCDEFGHIJKLMNO", 999_999_999L, 999_999_999L) }) {
            String isa = text(e.header()).substring(0, X12Envelope.ISA_LENGTH);
            assertEquals('~', isa.charAt(X12Envelope.ISA_LENGTH - 1), isa);
            assertEquals('*', isa.charAt(3));
            assertEquals("ISA", isa.substring(0, 3));
            assertEquals(17, isa.substring(0, isa.length() - 1).split("\\*", -1).length);
            assertEquals("GS*", text(e.header()).substring(X12Envelope.ISA_LENGTH + 1, X12Envelope.ISA_LENGTH + 4));
        }
    }

    @Test
    void theTrailerCountsTheSetsAndRepeatsTheControlNumbers() {
        assertEquals("GE*3*7~\nIEA*1*000000042~\n", text(envelope("123456789", "987654321", 42, 7).trailer(3)));
        assertEquals("GE*999999*999999999~\nIEA*1*999999999~\n",
                text(envelope("123456789", "987654321", 999_999_999L, 999_999_999L).trailer(999_999)));
    }

    @Test
    void refusesWhatDoesNotFitTheEnvelope() {
        assertThrows(IllegalArgumentException.class, () -> envelope("1", "987654321", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> envelope("1234567890123456", "987654321", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> envelope("12345*789", "987654321", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> envelope("123456789", "98765~321", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> envelope("123456789", "98765>321", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> envelope("123456789", "9876é4321", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> envelope("123456789", "987654321", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> envelope("123456789", "987654321", 1, 1_000_000_000L));
        assertThrows(IllegalArgumentException.class,
                () -> new X12Envelope("123456789", "987654321", AT, 1, 1, "I"));
        assertThrows(IllegalArgumentException.class,
                () -> new X12Envelope("123456789", "987654321", Instant.parse("+10000-01-01T00:00:00Z"), 1, 1, "T"));
        X12Envelope ok = envelope("123456789", "987654321", 1, 1);
        assertThrows(IllegalArgumentException.class, () -> ok.trailer(0));
        assertThrows(IllegalArgumentException.class, () -> ok.trailer(1_000_000));
    }
}
