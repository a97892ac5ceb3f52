package energy.mdma.edi.x12;

import energy.mdma.events.PrevailingTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import energy.mdma.edi.model.Names;
import energy.mdma.edi.model.Quantities;

/**
 * The bounded formatters: what each writes is what edi-867.md and Edi867Writer write, StAEDI's validating
 * reader accepts it (the values are put into the element they are for, in a document read with our
 * schemas), and values outside the domain are refused with the element, the value and the reason.
 */
class X12ValuesTest {
    static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd");
    static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    /** One formatter output, as text. */
    static String format(Consumer<X12Buffer> f) {
        X12Buffer b = new X12Buffer(16);
        f.accept(b);
        return b.toString();
    }

    /**
     * A valid interchange with one transaction set whose interval loop has the given QTY and DTM*582 segment
     * bodies (without terminator), and the given REF*MG meter id, N1*8R name and MEA03/MEA05 values.
     */
    static byte[] document(String meterId, String name, String mea03, String mea05, List<String> pairs) {
        List<String> set = new ArrayList<>(List.of("ST*867*0001", "BPT*00*R1*20260105*C1", "REF*12*3026388917",
                "N1*8S*Southern California Edison*1*375040116", "N1*SJ*Sunrise Energy Services*1*958214165",
                "N1*8R*" + name, "PTD*BO", "DTM*150*20251027", "DTM*151*20251128", "REF*MG*" + meterId, "REF*6W*1",
                "QTY*QD*577*KH", "MEA*AA*PRQ*" + mea03 + "*KH*" + mea05 + "*13911*51", "PTD*PM", "DTM*150*20251027",
                "DTM*151*20251128", "REF*MG*" + meterId, "REF*6W*1"));
        set.addAll(pairs);
        set.add("SE*" + (set.size() + 1) + "*0001");
        StringBuilder sb = new StringBuilder(
                "ISA*00*          *00*          *01*123456789      *01*375040116      *260105*1015*U*00401*000000042*0*T*>~\n"
                        + "GS*PT*123456789*375040116*20260105*1015*7*X*004010~\n");
        for (String s : set) {
            sb.append(s).append("~\n");
        }
        sb.append("GE*1*7~\nIEA*1*000000042~\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<String> pairs(List<String> qty02, List<String> dtm582) {
        List<String> out = new ArrayList<>();
        int n = Math.max(qty02.size(), dtm582.size());
        for (int i = 0; i < n; i++) {
            out.add("QTY*QD*" + (i < qty02.size() ? qty02.get(i) : "1") + "*KH");
            out.add("DTM*582*" + (i < dtm582.size() ? dtm582.get(i) : "20251201*0015*PS"));
        }
        return out;
    }

    static void assertStaediAccepts(byte[] doc) {
        List<String> errors = StaediOracle.errors(doc);
        assertTrue(errors.isEmpty(), () -> errors.subList(0, Math.min(10, errors.size())).toString());
        assertTrue(new Edi867Checker().check(doc).isEmpty(), () -> new Edi867Checker().check(doc).toString());
    }

    static X12ValueException refused(Consumer<X12Buffer> f) {
        X12Buffer b = new X12Buffer(16);
        X12ValueException e = assertThrows(X12ValueException.class, () -> f.accept(b));
        assertEquals(0, b.length(), "nothing is written when a value is refused");
        return e;
    }

    @Test
    void sanityTheSkeletonDocumentIsValidAndTheOracleCanFail() {
        assertStaediAccepts(document("M1", "Acme", "1", "13334", pairs(List.of("0.25"), List.of())));
        assertFalse(StaediOracle.errors(document("M1", "Acme", "1", "13334", pairs(List.of("1E"), List.of("20251301*0015*PS"))))
                .isEmpty());
    }

    // ------------------------------------------------------------------ quantities

    @Test
    void quantitiesAreEdi867sPlainFormatAndStaediAcceptsThem() {
        List<String> written = new ArrayList<>();
        // every value from -2 to 20 with every 4-place fraction, then random ones of every magnitude
        for (long v = -20_000; v <= 200_000; v++) {
            long x = v;
            String s = format(b -> X12Values.quantity1e4(b, "QTY02", x));
            assertEquals(Quantities.format1e4(v), s);
            if (v % 37 == 0) {
                written.add(s);
            }
        }
        Random rnd = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            long v = rnd.nextLong() >> rnd.nextInt(64);
            String expected = Quantities.format1e4(v == Long.MIN_VALUE ? 0 : v);
            int digits = expected.replace("-", "").replace(".", "").length();
            if (v == Long.MIN_VALUE || digits > X12Values.QUANTITY_MAX_DIGITS) {
                X12ValueException e = refused(b -> X12Values.quantity1e4(b, "QTY02", v));
                assertTrue(e.getMessage().startsWith("QTY02 '") && e.getMessage().contains("more than 15 digits"),
                        e.getMessage());
            } else {
                assertEquals(expected, format(b -> X12Values.quantity1e4(b, "QTY02", v)));
                if (i % 20 == 0) {
                    written.add(expected);
                }
            }
        }
        written.add(format(b -> X12Values.quantity1e4(b, "QTY02", 999_999_999_999_999L))); // 15 digits
        written.add(format(b -> X12Values.quantity1e4(b, "QTY02", -999_999_999_999_999L)));
        assertEquals("99999999999.9999", written.get(written.size() - 2));
        refused(b -> X12Values.quantity1e4(b, "QTY02", 9_999_999_999_999_999L)); // 16 digits
        assertStaediAccepts(document("M1", "Acme", "1", "1", pairs(written, List.of())));
    }

    @Test
    void totalsAndMultipliersAndReadings() {
        Random rnd = new Random(12);
        List<String> totals = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            BigDecimal v = BigDecimal.valueOf(rnd.nextLong() % 1_000_000_000_000_000L, rnd.nextInt(5));
            String expected = Quantities.format(v);
            if (expected.replace("-", "").replace(".", "").length() > 15) {
                refused(b -> X12Values.quantity(b, "QTY02", v));
            } else {
                assertEquals(expected, format(b -> X12Values.quantity(b, "QTY02", v)));
                totals.add(expected);
            }
        }
        assertEquals("0.25", format(b -> X12Values.quantity(b, "QTY02", new BigDecimal("0.2500"))));
        assertEquals("12", format(b -> X12Values.quantity(b, "QTY02", new BigDecimal("1.2E+1"))));
        assertTrue(refused(b -> X12Values.quantity(b, "QTY02", new BigDecimal("0.00001"))).getMessage()
                .contains("more than 4 decimal places"));
        refused(b -> X12Values.quantity(b, "QTY02", null));
        assertStaediAccepts(document("M1", "Acme", "1", "1", pairs(totals, List.of())));

        // a multiplier of any scale (MEA03), readings (MEA05) as whole numbers, at most 20 digits each
        for (String m : new String[] { "0.123450", "1E+3", "40.000", "-2.5", "1234567890.123456789", "0.0000000000000000001" }) {
            String s = format(b -> X12Values.decimal(b, "MEA03", new BigDecimal(m), 20));
            assertEquals(Quantities.strip(new BigDecimal(m)).toPlainString(), s);
            String r = format(b -> X12Values.integer(b, "MEA05", Long.MIN_VALUE, 20));
            assertEquals(Long.toString(Long.MIN_VALUE), r);
            assertStaediAccepts(document("M1", "Acme", s, r, pairs(List.of("1"), List.of())));
        }
        assertTrue(refused(b -> X12Values.decimal(b, "MEA03", new BigDecimal("1234567890.12345678901"), 20))
                .getMessage().contains("21 digits, at most 20"));
        refused(b -> X12Values.integer(b, "SE01", 12_345_678_901L, 10));
        assertEquals("1234567890", format(b -> X12Values.integer(b, "SE01", 1_234_567_890L, 10)));
    }

    // ------------------------------------------------------------------ dates and times

    @Test
    void everyDateOfYears1To9999AsJavaTimeFormatsItAndStaediAcceptsThem() {
        List<String> sample = new ArrayList<>();
        for (LocalDate d = LocalDate.of(1, 1, 1); d.getYear() <= 9999; d = d.plusDays(1)) {
            LocalDate x = d;
            String s = format(b -> X12Values.ccyymmdd(b, "DTM02", x));
            assertEquals(CCYYMMDD.format(d), s);
            byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
            assertTrue(Edi867Checker.DtmRules.date(bytes, 0, 8), s);
            if ((d.getYear() >= 1999 && d.getYear() <= 2101) || (d.getMonthValue() == 2 && d.getDayOfMonth() == 29)
                    || d.toEpochDay() % 997 == 0) {
                sample.add(s + "*0015*PS");
            }
        }
        assertStaediAccepts(document("M1", "Acme", "1", "1", pairs(List.of(), sample)));
        assertTrue(refused(b -> X12Values.ccyymmdd(b, "BPT03", LocalDate.of(0, 12, 31))).getMessage()
                .contains("year outside 1..9999"));
        refused(b -> X12Values.ccyymmdd(b, "BPT03", LocalDate.of(10_000, 1, 1)));
        refused(b -> X12Values.ccyymmdd(b, "BPT03", null));
        refused(b -> X12Values.yymmdd(b, "ISA09", LocalDate.of(-1, 1, 1)));
        assertEquals("991231", format(b -> X12Values.yymmdd(b, "ISA09", LocalDate.of(1999, 12, 31))));
        assertEquals("000229", format(b -> X12Values.yymmdd(b, "ISA09", LocalDate.of(2000, 2, 29))));
    }

    @Test
    void everyMinuteOfTheDayAsHhmm() {
        List<String> times = new ArrayList<>();
        for (int m = 0; m < 1440; m++) {
            int x = m;
            String s = format(b -> X12Values.hhmm(b, "GS05", x));
            assertEquals(HHMM.format(java.time.LocalTime.ofSecondOfDay(60L * m)), s);
            times.add("20251201*" + s + "*PS");
        }
        assertStaediAccepts(document("M1", "Acme", "1", "1", pairs(List.of(), times)));
        refused(b -> X12Values.hhmm(b, "GS05", 1440));
        refused(b -> X12Values.hhmm(b, "GS05", -1));
    }

    /** Header dates and times in the ISA and GS: small documents, one per value. */
    @Test
    void interchangeDatesAndTimesAreAcceptedInIsaAndGs() {
        Random rnd = new Random(13);
        byte[] template = document("M1", "Acme", "1", "1", pairs(List.of("1"), List.of()));
        for (int i = 0; i < 150; i++) {
            LocalDate d = LocalDate.of(1950 + rnd.nextInt(150), 1, 1).plusDays(rnd.nextInt(366));
            int minute = rnd.nextInt(1440);
            String yymmdd = format(b -> X12Values.yymmdd(b, "ISA09", d));
            String ccyymmdd = format(b -> X12Values.ccyymmdd(b, "GS04", d));
            String hhmm = format(b -> X12Values.hhmm(b, "ISA10", minute));
            String doc = new String(template, StandardCharsets.UTF_8).replace("*260105*1015*", "*" + yymmdd + "*" + hhmm + "*")
                    .replace("*20260105*1015*7*", "*" + ccyymmdd + "*" + hhmm + "*7*");
            if (d.getMonthValue() == 2 && d.getDayOfMonth() == 29 && Integer.parseInt(yymmdd.substring(0, 2)) % 4 != 0) {
                continue; // cannot happen: a 29 February is in a leap year
            }
            assertStaediAccepts(doc.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void dtm582OfEveryQuarterHourOf12YearsIsTheLocalPrevailingTimeAndStaediAcceptsIt() {
        X12Values.Dtm582 f = new X12Values.Dtm582();
        long from = Instant.parse("2019-01-01T00:15:00Z").getEpochSecond();
        long to = Instant.parse("2031-01-01T00:00:00Z").getEpochSecond();
        List<String> sample = new ArrayList<>();
        X12Buffer b = new X12Buffer(32);
        for (long t = from; t <= to; t += 900) {
            b.clear();
            f.write(b, t);
            ZonedDateTime local = Instant.ofEpochSecond(t).atZone(PrevailingTime.ZONE);
            String code = local.getOffset().getTotalSeconds() == -7 * 3600 ? "PD" : "PS";
            String expected = CCYYMMDD.format(local) + "*" + HHMM.format(local) + "*" + code;
            long at = t;
            assertEquals(expected, b.toString(), () -> Instant.ofEpochSecond(at).toString());
            ZonedDateTime utc = Instant.ofEpochSecond(t).atZone(ZoneOffset.UTC);
            boolean dstDay = (local.getMonthValue() == 3 || local.getMonthValue() == 11) && local.getDayOfMonth() <= 14
                    && local.getDayOfWeek() == java.time.DayOfWeek.SUNDAY;
            if (dstDay || utc.getMinute() == 0 && utc.getHour() % 7 == 0) {
                sample.add(expected);
            }
        }
        // a series that goes back in time (a new channel) and far ahead
        for (long t : new long[] { from, to + 86_400L * 365 * 50, from }) {
            b.clear();
            f.write(b, t);
            ZonedDateTime local = Instant.ofEpochSecond(t).atZone(PrevailingTime.ZONE);
            assertTrue(b.toString().startsWith(CCYYMMDD.format(local) + "*" + HHMM.format(local)), b.toString());
        }
        assertStaediAccepts(document("M1", "Acme", "1", "1", pairs(List.of(), sample)));

        X12Values.Dtm582 g = new X12Values.Dtm582();
        assertTrue(assertThrows(X12ValueException.class, () -> g.write(new X12Buffer(8), from + 30)).getMessage()
                .contains("not on a whole minute"));
        assertTrue(assertThrows(X12ValueException.class, () -> g.write(new X12Buffer(8),
                Instant.parse("1850-01-01T08:00:00Z").getEpochSecond())).getMessage().contains("unexpected offset"));
        assertTrue(assertThrows(X12ValueException.class, () -> g.write(new X12Buffer(8),
                Instant.parse("+10000-01-01T08:00:00Z").getEpochSecond())).getMessage().contains("year outside"));
    }

    // ------------------------------------------------------------------ codes and text

    @Test
    void codesOnlyFromTheirList() {
        assertEquals("PT", format(b -> X12Values.code(b, "GS01", "PT", "PT")));
        assertTrue(refused(b -> X12Values.code(b, "ISA15", "I", "P", "T")).getMessage()
                .equals("ISA15 'I': not one of the codes P, T"));
    }

    @Test
    void identifiersAreWrittenAsTheyAreAndStaediAcceptsThemOrTheyAreRefused() {
        Random rnd = new Random(14);
        String alphabet = "0123456789ABCXYZabcxyz -_./#&'()^:;!?@[]{}|\\\"+=%$éÜß漢字\u00a0";
        byte[] template = null;
        for (int i = 0; i < 300; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + rnd.nextInt(30);
            for (int k = 0; k < n; k++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String id = sb.toString();
            assertEquals(id, format(b -> X12Values.identifier(b, "REF02", id, 1, 30)));
            template = document(id, "Acme", "1", "1", pairs(List.of("1"), List.of()));
            assertStaediAccepts(template);
        }
        for (String bad : new String[] { "", "x".repeat(31), "M*1", "M~1", "M>1", "M\n1", "M\t", "M\u0085", "M\u007f",
            "M\uD83D\uDE00", "M\uD800" }) {
            X12ValueException e = refused(b -> X12Values.identifier(b, "REF02 meter id", bad, 1, 30));
            assertTrue(e.getMessage().startsWith("REF02 meter id '"), e.getMessage());
        }
        assertTrue(refused(b -> X12Values.identifier(b, "BPT02 report id", "R*1", 1, 30)).getMessage()
                .contains("delimiter '*' at position 2"));
        assertTrue(refused(b -> X12Values.identifier(b, "BPT02 report id", "R".repeat(31), 1, 30)).getMessage()
                .contains("31 characters, 1..30 allowed"));
        assertTrue(refused(b -> X12Values.identifier(b, "N104", null, 2, 80)).getMessage().contains("missing"));
        X12Values.checkInterchangeId("ISA06", "123456789");
        assertThrows(X12ValueException.class, () -> X12Values.checkInterchangeId("ISA06", "12345678901234567"));
        assertThrows(X12ValueException.class, () -> X12Values.checkInterchangeId("ISA06", "1"));
        assertThrows(X12ValueException.class, () -> X12Values.checkInterchangeId("ISA06", "12é"));
    }

    @Test
    void namesAreSanitizedAndCutAsNamesDoesAndStaediAcceptsThem() {
        Random rnd = new Random(15);
        String alphabet = "abcXYZ 019,.'&-*~>\t\n\u0085éÜ漢";
        for (int i = 0; i < 300; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + rnd.nextInt(90);
            for (int k = 0; k < n; k++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String raw = sb.toString();
            String s = format(b -> X12Values.name(b, "N102", raw, true));
            assertEquals(Names.n102(raw), s);
            assertStaediAccepts(document("M1", s, "1", "1", pairs(List.of("1"), List.of())));
        }
        assertEquals("", format(b -> X12Values.name(b, "N102 UDC name", "", false)));
        assertTrue(refused(b -> X12Values.name(b, "N102 customer name", "", true)).getMessage().contains("R0203"));
        assertTrue(refused(b -> X12Values.name(b, "N102 customer name", "Smile \uD83D\uDE00", true)).getMessage()
                .contains("outside the Basic Multilingual Plane"));
        // StAEDI's reader indeed refuses such a name (so Fast867Writer refuses it before posting)
        assertFalse(StaediOracle.errors(document("M1", "Smile \uD83D\uDE00", "1", "1", pairs(List.of("1"), List.of())))
                .isEmpty());
    }
}
