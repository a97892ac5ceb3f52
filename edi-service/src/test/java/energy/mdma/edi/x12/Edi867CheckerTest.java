package energy.mdma.edi.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.ChannelReport;
import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.IntervalSeries;
import energy.mdma.edi.model.MeterReport;
import energy.mdma.edi.model.Purpose;
import energy.mdma.edi.model.X12Uom;

/**
 * Edi867Checker gives the verdict of StAEDI's validating reader with our schemas (the reference) on valid
 * documents and on mutated ones; where it refuses what StAEDI accepts, every finding is one of the rules
 * of our profile documented in {@link Edi867Checker} (framing, envelope values, exponents).
 */
class Edi867CheckerTest {
    final Edi867Checker checker = new Edi867Checker();

    /** A correction: a cancellation (ST 0001) and an original with a register reading and two intervals (ST 0002). */
    static byte[] valid() {
        AccountPeriodReport old = Edi867WriterTest.nonInterval("R1");
        long t0 = java.time.Instant.parse("2025-12-01T08:15:00Z").getEpochSecond();
        IntervalSeries s = new IntervalSeries(new long[] { t0, t0 + 900 }, new long[] { 2500, 120000 },
                new boolean[] { false, true });
        MeterReport m = new MeterReport("M9503089", new BigDecimal("40"), List.of(new ChannelReport(1, X12Uom.KWH,
                new BigDecimal("12.25"), true, 48066L, 51567L, s)));
        AccountPeriodReport r = new AccountPeriodReport("3165228187", LocalDate.of(2025, 11, 24),
                LocalDate.of(2025, 12, 23), Edi867WriterTest.UDC, Edi867WriterTest.ESP, "Kim, Ana", true, "R3",
                Purpose.ORIGINAL, null, LocalDate.of(2026, 1, 5), List.of(m));
        List<AccountPeriodReport> reports = List.of(AccountPeriodReport.cancellationOf(old, "R2",
                LocalDate.of(2026, 1, 6)), r);
        return new Fast867Writer().render(Interchange867.of(Edi867WriterTest.HEADER, 1, reports));
    }

    static String text(byte[] doc) {
        return new String(doc, StandardCharsets.UTF_8);
    }

    /** The verdicts agree, or the checker is stricter by one of its documented profile rules only. */
    void assertSameVerdict(String what, byte[] doc, Map<String, Integer> outcomes) {
        List<String> staedi = StaediOracle.errors(doc);
        List<Edi867Checker.Finding> findings = checker.findings(doc);
        String outcome;
        if (staedi.isEmpty() && findings.isEmpty()) {
            outcome = "both accept";
        } else if (!staedi.isEmpty() && !findings.isEmpty()) {
            outcome = "both refuse";
        } else if (!staedi.isEmpty()) {
            fail(what + ": StAEDI refuses " + staedi + " but the checker accepts\n" + text(doc));
            return;
        } else {
            assertTrue(findings.stream().allMatch(Edi867Checker.Finding::beyondSchema),
                    () -> what + ": the checker refuses what StAEDI accepts, not by a documented profile rule: " + findings);
            outcome = "checker stricter (profile)";
        }
        outcomes.merge(outcome, 1, Integer::sum);
    }

    @Test
    void validDocumentsAreAccepted() {
        Random867 g = new Random867(99);
        Fast867Writer w = new Fast867Writer();
        for (int i = 0; i < 100; i++) {
            byte[] doc = w.render(g.interchange());
            assertEquals(List.of(), checker.check(doc));
            assertEquals(List.of(), StaediOracle.errors(doc));
            checker.requireValid(doc, "test");
        }
    }

    record Case(String what, UnaryOperator<String> change, String expectedError) {
    }

    @Test
    void namedMutationsAreRefusedLikeStaediRefusesThem() {
        String doc = text(valid());
        List<Case> cases = List.of(
                new Case("delete BPT", s -> s.replaceFirst("BPT\\*01[^~]*~\n", ""), "MANDATORY_SEGMENT_MISSING"),
                new Case("delete an N1", s -> s.replaceFirst("N1\\*SJ[^~]*~\n", ""), "MANDATORY_SEGMENT_MISSING"),
                new Case("duplicate an N1", s -> s.replaceFirst("(N1\\*8R[^~]*~\n)", "$1$1"), "LOOP_OCCURS_OVER_MAXIMUM_TIMES"),
                new Case("swap BPT and REF", s -> s.replaceFirst("(BPT[^~]*~\n)(REF[^~]*~\n)", "$2$1"), "segment 4 REF"),
                new Case("duplicate BPT", s -> s.replaceFirst("(BPT[^~]*~\n)", "$1$1"), "segment 5 BPT"),
                new Case("wrong SE01", s -> s.replaceFirst("SE\\*7\\*", "SE*8*"), "SE01: CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT"),
                new Case("SE01 with a leading zero", s -> s.replaceFirst("SE\\*7\\*", "SE*07*"), "SE01"),
                new Case("wrong SE02", s -> s.replaceFirst("SE\\*7\\*0001", "SE*7*0002"), "SE02: CONTROL_REFERENCE_MISMATCH"),
                new Case("wrong GE01", s -> s.replaceFirst("GE\\*2\\*", "GE*3*"), "GE01: CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT"),
                new Case("wrong GE02", s -> s.replaceFirst("GE\\*2\\*7", "GE*2*8"), "GE02: CONTROL_REFERENCE_MISMATCH"),
                new Case("wrong IEA01", s -> s.replaceFirst("IEA\\*1\\*", "IEA*2*"), "IEA01"),
                new Case("wrong IEA02", s -> s.replace("IEA*1*000000042", "IEA*1*000000043"), "IEA02: CONTROL_REFERENCE_MISMATCH"),
                new Case("bad QTY01 code", s -> s.replaceFirst("QTY\\*(QD|KA)", "QTY*ZZ"), "QTY01: INVALID_CODE_VALUE (E673)"),
                new Case("bad unit", s -> s.replaceFirst("\\*KH~", "*KW~"), "INVALID_CODE_VALUE (E355)"),
                new Case("too long account", s -> s.replaceFirst("REF\\*12\\*[^~]*", "REF*12*" + "9".repeat(31)),
                        "REF02: DATA_ELEMENT_TOO_LONG (E127): 31 characters, at most 30"),
                new Case("too long name", s -> s.replaceFirst("N1\\*8R\\*[^~]*", "N1*8R*" + "x".repeat(61)), "N102: DATA_ELEMENT_TOO_LONG"),
                new Case("component separator in an id", s -> s.replaceFirst("REF\\*12\\*", "REF*12*1>"), "REF02: TOO_MANY_COMPONENTS"),
                new Case("element separator in a name", s -> s.replaceFirst("N1\\*8R\\*", "N1*8R*A*"), "N103"),
                new Case("invalid date", s -> s.replaceFirst("BPT\\*01\\*R2\\*20260106", "BPT*01*R2*20260230"), "BPT03: INVALID_DATE"),
                new Case("invalid time", s -> s.replaceFirst("\\*(\\d{4})\\*P([SD])~", "*2460*P$2~"), "DTM03: INVALID_TIME"),
                new Case("too many elements", s -> s.replaceFirst("(REF\\*12\\*[^~]*)", "$1**X"), "TOO_MANY_DATA_ELEMENTS"),
                new Case("missing required element", s -> s.replaceFirst("PTD\\*BO", "PTD*"), "PTD01: REQUIRED_DATA_ELEMENT_MISSING"),
                new Case("syntax rule", s -> s.replaceFirst("N1\\*SJ\\*([^*]*)\\*1\\*\\d+", "N1*SJ*$1*1"), "P0304"),
                new Case("exclusion rule", s -> s.replaceFirst("(QTY\\*[^~]*)~", "$1*note~"), "E0204"),
                new Case("decimal with two points", s -> s.replaceFirst("QTY\\*(QD|KA)\\*[^*]*", "QTY*QD*1.2.3"), "QTY02: INVALID_CHARACTER_DATA"),
                new Case("unknown segment", s -> s.replaceFirst("PTD\\*BO~\n", "PTD*BO~\nXYZ*1~\n"), "XYZ"),
                new Case("segment out of order", s -> s.replaceFirst("(PTD\\*BO~\n)", "$1MEA*AA*PRQ*1*KH*1*2*51~\n"), "MEA"),
                new Case("SE missing", s -> s.replaceFirst("SE\\*7\\*0001~\n", ""), "ST"),
                new Case("a second GS", s -> s.replaceFirst("(GS[^~]*~\n)", "$1$1"), "segment 3 GS"),
                new Case("data after IEA", s -> s + "X", "data after IEA"),
                new Case("a character outside the BMP", s -> s.replaceFirst("N1\\*8R\\*", "N1*8R*\uD83D\uDE00"), "Basic Multilingual Plane"));
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Case c : cases) {
            String m = c.change().apply(doc);
            assertFalse(m.equals(doc), c.what() + " changed nothing");
            byte[] bytes = m.getBytes(StandardCharsets.UTF_8);
            assertFalse(StaediOracle.errors(bytes).isEmpty(), c.what() + ": StAEDI accepts it");
            List<String> errors = checker.check(bytes);
            assertTrue(errors.stream().anyMatch(e -> e.contains(c.expectedError())), c.what() + ": " + errors);
            assertSameVerdict(c.what(), bytes, outcomes);
            Edi867ValidationException e = assertThrows(Edi867ValidationException.class,
                    () -> checker.requireValid(bytes, "867 to ESP01"));
            assertTrue(e.getMessage().startsWith("867 to ESP01: "), e.getMessage());
        }
        assertEquals(Map.of("both refuse", cases.size()), outcomes);
    }

    /** What StAEDI lets pass and the checker refuses, each by a documented rule of our profile. */
    @Test
    void documentedStricterRules() {
        String doc = text(valid());
        List<Case> cases = List.of(
                new Case("LF inside an element", s -> s.replaceFirst("REF\\*12\\*(\\d)", "REF*12*$1\n"), "control character"),
                new Case("tab inside an element", s -> s.replaceFirst("N1\\*8R\\*", "N1*8R*\t"), "control character"),
                new Case("CR LF after a segment", s -> s.replaceFirst("~\n", "~\r\n"), "line feed"),
                new Case("CR LF after a later segment", s -> s.replaceFirst("~\nREF", "~\r\nREF"), "not followed by a line feed"),
                new Case("blank line", s -> s.replaceFirst("~\n", "~\n\n"), "segment tag"),
                new Case("C1 control character", s -> s.replaceFirst("N1\\*8R\\*", "N1*8R*\u0085"), "C1 control"),
                new Case("exponent", s -> s.replaceFirst("MEA\\*AA\\*PRQ\\*[^*]*", "MEA*AA*PRQ*1E2"), "exponent"),
                new Case("ISA05 ZZ", s -> s.replaceFirst("\\*01\\*123456789 ", "*ZZ*123456789 "), "ISA05"),
                new Case("ISA12 00501", s -> s.replaceFirst("\\*00401\\*", "*00501*"), "ISA12"),
                new Case("ISA14 1", s -> s.replaceFirst("\\*0\\*T\\*>", "*1*T*>"), "ISA14"),
                new Case("GS07 Y", s -> s.replaceFirst("\\*X\\*004010", "*Y*004010"), "GS07"),
                new Case("ST01 868", s -> s.replace("ST*867*0002", "ST*868*0002"), "ST01"),
                new Case("GS02 not ISA06", s -> s.replaceFirst("GS\\*PT\\*123456789", "GS*PT*123456788"), "GS02"));
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Case c : cases) {
            String m = c.change().apply(doc);
            assertFalse(m.equals(doc), c.what() + " changed nothing");
            byte[] bytes = m.getBytes(StandardCharsets.UTF_8);
            List<Edi867Checker.Finding> findings = checker.findings(bytes);
            assertTrue(findings.stream().anyMatch(f -> f.message().contains(c.expectedError()) && f.beyondSchema()),
                    c.what() + ": " + findings);
            assertSameVerdict(c.what(), bytes, outcomes);
        }
        // each of them is one StAEDI lets pass (else the rule would not need documenting)
        assertEquals(Map.of("checker stricter (profile)", cases.size()), outcomes, outcomes.toString());
    }

    @Test
    void seededRandomMutationsGetStaedisVerdict() {
        Random867 g = new Random867(4242);
        Fast867Writer w = new Fast867Writer();
        Map<String, Integer> outcomes = new TreeMap<>();
        int n = 0;
        for (int i = 0; i < 80; i++) {
            byte[] doc = w.render(g.interchange());
            Mutator m = new Mutator(i);
            for (int k = 0; k < 40; k++) {
                Mutator.Mutation mu = m.mutate(doc);
                assertSameVerdict("document " + i + ", " + mu.what(), mu.doc(), outcomes);
                n++;
            }
        }
        System.out.println("Edi867Checker vs StAEDI on " + n + " mutated documents: " + outcomes);
        assertTrue(outcomes.getOrDefault("both refuse", 0) > n / 2, outcomes.toString());
        assertTrue(outcomes.getOrDefault("both accept", 0) > n / 20, outcomes.toString());
    }

    @Test
    void errorsNameSegmentPositionTagAndElement() {
        String doc = text(valid()).replaceFirst("REF\\*12\\*[^~]*", "REF*12*" + "9".repeat(31));
        List<String> errors = checker.check(doc.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("segment 5 REF02: DATA_ELEMENT_TOO_LONG (E127): 31 characters, at most 30 '"
                + "9".repeat(31) + "'"), errors);
        assertEquals(1, StaediOracle.errors(doc.getBytes(StandardCharsets.UTF_8)).stream()
                .filter(e -> e.startsWith("segment 5 REF02: DATA_ELEMENT_TOO_LONG")).count());
        List<String> empty = checker.check(new byte[0]);
        assertEquals(1, empty.size(), empty.toString());
        List<String> truncated = checker.check(java.util.Arrays.copyOf(valid(), 400));
        assertFalse(truncated.isEmpty());
        List<String> many = new ArrayList<>(checker.check(text(valid()).replace("*KH~", "*XX~").getBytes(StandardCharsets.UTF_8)));
        assertTrue(many.size() >= 2 && many.stream().allMatch(e -> e.contains("INVALID_CODE_VALUE (E355)")), many.toString());
    }
}
