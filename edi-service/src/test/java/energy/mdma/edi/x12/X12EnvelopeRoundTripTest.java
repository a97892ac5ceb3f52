package energy.mdma.edi.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.InterchangeHeader;
import energy.mdma.edi.model.UsageIndicator;
import energy.mdma.edi.testsupport.ExpectedSample;
import energy.mdma.x12.X12Envelope;

/** The envelope {@link X12Envelope} writes (through {@link Fast867Writer}) as StAEDI reads it back. */
class X12EnvelopeRoundTripTest {

    private final Edi867Reader reader = new Edi867Reader(duns -> duns);

    @Test
    void stAediReadsTheEnvelopeBackAtItsLimits() throws Exception {
        List<AccountPeriodReport> reports = ExpectedSample.load().originals("ENV-", LocalDate.of(2026, 1, 5))
                .subList(0, 3);
        for (InterchangeHeader h : List.of(
                new InterchangeHeader("12", "34", Instant.parse("2026-01-06T00:00:00Z"), 1, 1, UsageIndicator.TEST),
                new InterchangeHeader("123456789012345", "ABCDEFGHIJKLMNO", Instant.parse("2099-12-31T23:59:00Z"),
                        999_999_999L, 999_999_999L, UsageIndicator.PRODUCTION))) {
            byte[] x12 = new Fast867Writer().render(Interchange867.of(h, 1, reports));

            Interchange867 back = reader.read(x12);

            assertEquals(h, back.header());
            assertEquals(3, back.transactionSets().size());
            String text = new String(x12, StandardCharsets.UTF_8);
            assertEquals(X12Envelope.ISA_LENGTH - 1, text.indexOf(X12Envelope.SEGMENT_TERMINATOR), text);
            assertEquals("GE*3*" + h.groupControlNumber() + "~\nIEA*1*" + h.isa13() + "~\n",
                    text.substring(text.lastIndexOf("GE*")));
        }
    }
}
