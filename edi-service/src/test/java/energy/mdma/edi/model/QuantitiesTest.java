package energy.mdma.edi.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class QuantitiesTest {
    /** The acceptance kit's quantity format. */
    static final Pattern QTY_FMT = Pattern.compile("^-?(0|[1-9]\\d*)(\\.\\d{0,3}[1-9])?$");

    @Test
    void fixedPointFormatting() {
        assertEquals("0.25", Quantities.format1e4(2500));
        assertEquals("12", Quantities.format1e4(120000));
        assertEquals("0", Quantities.format1e4(0));
        assertEquals("0.0001", Quantities.format1e4(1));
        assertEquals("-0.012", Quantities.format1e4(-120));
        assertEquals("139013.5", Quantities.format1e4(1390135000));
        assertEquals("10.0203", Quantities.format1e4(100203));
        for (long v = -20000; v <= 20000; v += 7) {
            String s = Quantities.format1e4(v);
            assertEquals(true, QTY_FMT.matcher(s).matches(), s);
            assertEquals(0, new BigDecimal(s).compareTo(BigDecimal.valueOf(v, 4)), s);
        }
    }

    @Test
    void decimalFormatting() {
        assertEquals("12", Quantities.format(new BigDecimal("12.000")));
        assertEquals("0.25", Quantities.format(new BigDecimal(".2500")));
        assertEquals("0", Quantities.format(new BigDecimal("0.0000")));
        assertEquals("100", Quantities.format(new BigDecimal("1E+2")));
        assertEquals("24981.248", Quantities.format(new BigDecimal("24981.2480")));
        assertThrows(IllegalArgumentException.class, () -> Quantities.format(new BigDecimal("0.00001")));
    }

    @Test
    void conversions() {
        assertEquals(2500, Quantities.to1e4(new BigDecimal("0.25")));
        assertThrows(ArithmeticException.class, () -> Quantities.to1e4(new BigDecimal("0.12345")));
        assertEquals(new BigDecimal("0.25"), Quantities.from1e4(2500));
    }

    @Test
    void negativeAndLargeValuesKeepThePlainFormat() {
        assertEquals("-1.5", Quantities.format(new BigDecimal("-1.5000")));
        assertEquals("-0.0001", Quantities.format(new BigDecimal("-0.0001")));
        assertEquals("0", Quantities.format(new BigDecimal("-0.0000")));
        assertEquals("-0.0001", Quantities.format1e4(-1));
        assertEquals("1000000000", Quantities.format(new BigDecimal("1E+9")));
        assertEquals("922337203685477.5807", Quantities.format1e4(Long.MAX_VALUE));
        for (String s : new String[] { "-1.5", "-0.0001", "1000000000", "922337203685477.5807" }) {
            assertEquals(true, QTY_FMT.matcher(s).matches(), s);
        }
    }

    /** The meter multiplier (MEA03) is master data, "a positive decimal": any number of places, never refused. */
    @Test
    void multiplierIsStrippedNotLimited() {
        assertEquals("0.12345", Quantities.strip(new BigDecimal("0.1234500")).toPlainString());
        assertEquals("40", Quantities.strip(new BigDecimal("40.000")).toPlainString());
        assertEquals("100", Quantities.strip(new BigDecimal("1E+2")).toPlainString());
        assertEquals(new BigDecimal("0.12345"),
                new MeterReport("M1", new BigDecimal("0.123450"), java.util.List.of()).multiplier());
    }
}
