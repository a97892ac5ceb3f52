package energy.mdma.edi.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class FileNamesTest {
    @Test
    void x12NameUsesUtcTimeAndNineDigitIsa13() {
        assertEquals("MDMA1_867_SCE_20260105101530_000000042.x12",
                FileNames.x12("MDMA1", "SCE", Instant.parse("2026-01-05T10:15:30.999Z"), 42));
    }

    @Test
    void summaryName() {
        assertEquals("MDMA1_SUMMARY_ESP01_20251231235959.csv",
                FileNames.summary("MDMA1", "ESP01", Instant.parse("2025-12-31T23:59:59Z")));
    }

    @Test
    void summaryPartName() {
        assertEquals("MDMA1_SUMMARY_ESP01_20251231235959_2.csv",
                FileNames.summaryPart("MDMA1", "ESP01", Instant.parse("2025-12-31T23:59:59Z"), 2));
        assertThrows(IllegalArgumentException.class, () -> FileNames.summaryPart("MDMA1", "ESP01", Instant.EPOCH, 0));
    }

    @Test
    void unusableIdsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FileNames.x12("MD_MA", "SCE", Instant.EPOCH, 1));
        assertThrows(IllegalArgumentException.class, () -> FileNames.summary("MDMA", "../x", Instant.EPOCH));
        assertThrows(IllegalArgumentException.class, () -> FileNames.x12("MDMA", "SCE", Instant.EPOCH, 1_000_000_000L));
    }

    /** input-formats.md: a party id is [A-Z0-9_-]{2,20}, so a receiver id may hold an underscore. */
    @Test
    void receiverPartyIdWithAnUnderscoreIsUsable() {
        assertEquals("MDMA_867_ESP_01_20260105101530_000000007.x12",
                FileNames.x12("MDMA", "ESP_01", Instant.parse("2026-01-05T10:15:30Z"), 7));
        assertEquals("MDMA_SUMMARY_SCE_UDC_20260105101530.csv",
                FileNames.summary("MDMA", "SCE_UDC", Instant.parse("2026-01-05T10:15:30Z")));
    }
}
