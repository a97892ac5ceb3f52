package energy.mdma.service.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SafeTextTest {

    @Test
    void controlCharactersCannotForgeLinesAndLengthIsCapped() {
        assertEquals("ESP-1", SafeText.cap("ESP-1", 64));
        assertEquals("a?ERROR forged??x", SafeText.cap("a\nERROR forged\r\u2028x", 64));
        assertEquals("b?[31mred", SafeText.cap("b\u001b[31mred", 64));
        String capped = SafeText.cap("U".repeat(3000) + "\nforged", 64);
        assertEquals("U".repeat(64) + "...[+2943]", capped);
        assertNull(SafeText.cap(null, 10));
        assertEquals("...[+1]", SafeText.cap("x", 0));
    }
}
