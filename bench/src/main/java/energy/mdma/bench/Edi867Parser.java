package energy.mdma.bench;

import energy.mdma.events.PrevailingTime;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small, strict reader of the 867 interchanges the MDMA posts (edi-867.md), for the bench's content check:
 * envelope and control numbers, one transaction set per report, the summary (PTD*BO) and interval (PTD*PM) loops
 * with their quantities and interval ends. Anything that does not follow the layout is an
 * {@link Edi867FormatException} naming the segment. It works on the bytes (no string per interval): the bench
 * reads every 867 of a run.
 */
final class Edi867Parser {
    private static final ZoneRules RULES = PrevailingTime.ZONE.getRules();
    private static final int PST = -8 * 3600;
    private static final int PDT = -7 * 3600;

    /** An interchange: ISA06/ISA08 (trimmed), ISA13 and its transaction sets in file order. */
    record Interchange(String senderId, String receiverId, long isa13, List<Transaction> transactions) {
    }

    /**
     * One transaction set: its position in the file (0-based), purpose (original {@code 00} or cancellation
     * {@code 01}), report id, the cancelled report id (BPT09, cancellations only), the service account (REF*12),
     * and for an original its channel loops.
     */
    record Transaction(int position, boolean original, String reportId, String cancelledReportId,
                       String serviceAccount, List<ChannelLoop> channels) {
    }

    /**
     * A meter channel of an original: the summary loop (period R'..R, total and whether it is KA) and, for an
     * interval channel, the interval loop: interval ends (epoch seconds), usages * 10^4 and the number of KA ones.
     */
    record ChannelLoop(String meterId, int channel, LocalDate from, LocalDate to, boolean totalEstimated,
                       long total1e4, boolean interval, long[] intervalEnds, long[] usage1e4, int estimatedIntervals) {
        boolean anyEstimated() {
            return totalEstimated || estimatedIntervals > 0;
        }
    }

    /** The 867 does not follow edi-867.md where the message says. */
    static final class Edi867FormatException extends RuntimeException {
        Edi867FormatException(String message) {
            super(message);
        }
    }

    private final byte[] b;
    private int pos;
    private int segmentNo;
    private int segStart;
    private int segEnd;
    /** Start offsets of the elements of the current segment; element 0 is the tag. */
    private int[] el = new int[32];
    private int elements;
    private boolean peeked;

    private Edi867Parser(byte[] bytes) {
        this.b = bytes;
    }

    static Interchange parse(byte[] x12) {
        return new Edi867Parser(x12).interchange();
    }

    private Interchange interchange() {
        expect("ISA", 17, 17);
        if (segEnd - segStart != 105) {
            throw fail("ISA is " + (segEnd - segStart + 1) + " characters long, not 106");
        }
        String isa13s = str(13);
        long isa13 = digits(13, 9, 9);
        if (!is(16, ">")) {
            throw fail("ISA16 (component separator) is '" + str(16) + "', not '>'");
        }
        String sender = str(6).trim();
        String receiver = str(8).trim();
        expect("GS", 9, 9);
        require(is(1, "PT") && is(7, "X") && is(8, "004010"), "GS is not an 867 group of version 004010");
        String group = str(6);
        List<Transaction> txs = new ArrayList<>();
        while (nextTagIs("ST")) {
            txs.add(transaction(txs.size()));
        }
        expect("GE", 3, 3);
        require(digits(1, 1, 9) == txs.size(), "GE01 is " + str(1) + " but the group holds " + txs.size()
                + " transaction sets");
        require(is(2, group), "GE02 " + str(2) + " differs from GS06 " + group);
        expect("IEA", 3, 3);
        require(is(1, "1"), "IEA01 is " + str(1) + ", not 1");
        require(is(2, isa13s), "IEA02 " + str(2) + " differs from ISA13 " + isa13s);
        if (pos != b.length) {
            throw new Edi867FormatException("bytes after IEA (offset " + pos + " of " + b.length + ")");
        }
        return new Interchange(sender, receiver, isa13, txs);
    }

    private Transaction transaction(int position) {
        expect("ST", 3, 3);
        int first = segmentNo;
        require(is(1, "867"), "ST01 is " + str(1) + ", not 867");
        String control = str(2);
        expect("BPT", 5, 10);
        boolean original;
        String cancelled = null;
        if (is(1, "00")) {
            original = true;
            require(elements == 5, "an original's BPT has " + (elements - 1) + " elements, not 4");
        } else if (is(1, "01")) {
            original = false;
            require(elements == 10 && empty(5) && empty(6) && empty(7) && empty(8) && !empty(9),
                    "a cancellation's BPT must be BPT*01*{id}*{date}*{C1|DD}*****{cancelled report id}");
            cancelled = str(9);
        } else {
            throw fail("BPT01 is " + str(1) + ", not 00 or 01");
        }
        String reportId = str(2);
        require(!reportId.isEmpty() && reportId.length() <= 30, "BPT02 (report id) must be 1 to 30 characters");
        date(3);
        require(is(4, "C1") || is(4, "DD"), "BPT04 is " + str(4) + ", not C1 or DD");
        expect("REF", 3, 3);
        require(is(1, "12"), "REF*12 (service account) expected after BPT");
        String account = str(2);
        party("8S");
        party("SJ");
        expect("N1", 3, 3);
        require(is(1, "8R"), "N1*8R (customer) expected");
        List<ChannelLoop> loops = new ArrayList<>();
        while (nextTagIs("PTD")) {
            require(original, "a cancellation carries no PTD");
            loops.add(channel());
        }
        require(!original || !loops.isEmpty(), "an original without any PTD loop");
        expect("SE", 3, 3);
        long count = digits(1, 1, 10);
        require(count == segmentNo - first + 1, "SE01 is " + count + " but the transaction set has "
                + (segmentNo - first + 1) + " segments");
        require(is(2, control), "SE02 " + str(2) + " differs from ST02 " + control);
        return new Transaction(position, original, reportId, cancelled, account, List.copyOf(loops));
    }

    private void party(String qualifier) {
        expect("N1", 5, 5);
        require(is(1, qualifier) && is(3, "1"), "N1*" + qualifier + "*{name}*1*{duns} expected");
    }

    private ChannelLoop channel() {
        expect("PTD", 2, 2);
        require(is(1, "BO"), "PTD*BO (summary loop) expected, found PTD*" + str(1));
        LocalDate from = dtm("150");
        LocalDate to = dtm("151");
        require(to.isAfter(from), "DTM*151 " + to + " is not after DTM*150 " + from);
        String meter = ref("MG");
        int channel = (int) refNumber("6W");
        expect("QTY", 4, 4);
        boolean totalKa = qtyCode();
        long total = quantity1e4(2);
        unit();
        if (nextTagIs("MEA")) {
            expect("MEA", 8, 8);
            require(is(1, "AA") && is(2, "PRQ") && is(7, "51"), "MEA*AA*PRQ*...*51 expected");
        }
        if (!nextTagIs("PTD") || !is(1, "PM")) {
            // no interval loop: a non-interval channel (the next segment stays peeked)
            return new ChannelLoop(meter, channel, from, to, totalKa, total, false, new long[0], new long[0], 0);
        }
        expect("PTD", 2, 2);
        require(dtm("150").equals(from) && dtm("151").equals(to), "the interval loop's period differs from the summary's");
        require(ref("MG").equals(meter), "the interval loop's REF*MG differs from the summary's " + meter);
        require(refNumber("6W") == channel, "the interval loop's REF*6W differs from the summary's " + channel);
        long[] ends = new long[128];
        long[] usage = new long[128];
        int n = 0;
        int estimated = 0;
        while (nextTagIs("QTY")) {
            expect("QTY", 4, 4);
            if (n == ends.length) {
                ends = Arrays.copyOf(ends, n * 2);
                usage = Arrays.copyOf(usage, n * 2);
            }
            if (qtyCode()) {
                estimated++;
            }
            usage[n] = quantity1e4(2);
            unit();
            expect("DTM", 5, 5);
            require(is(1, "582"), "DTM*582 expected after an interval's QTY");
            ends[n] = intervalEnd();
            require(n == 0 || ends[n] > ends[n - 1], "interval ends are not in time order");
            n++;
        }
        require(n > 0, "an interval loop without intervals");
        return new ChannelLoop(meter, channel, from, to, totalKa, total, true, Arrays.copyOf(ends, n),
                Arrays.copyOf(usage, n), estimated);
    }

    private boolean qtyCode() {
        if (is(1, "KA")) {
            return true;
        }
        require(is(1, "QD"), "QTY01 is " + str(1) + ", not QD or KA");
        return false;
    }

    private void unit() {
        require(is(3, "KH") || is(3, "K3"), "QTY03 is " + str(3) + ", not KH or K3");
    }

    private LocalDate dtm(String qualifier) {
        expect("DTM", 3, 3);
        require(is(1, qualifier), "DTM*" + qualifier + " expected, found DTM*" + str(1));
        return date(2);
    }

    private String ref(String qualifier) {
        expect("REF", 3, 3);
        require(is(1, qualifier), "REF*" + qualifier + " expected, found REF*" + str(1));
        require(!empty(2), "REF*" + qualifier + " without a value");
        return str(2);
    }

    private long refNumber(String qualifier) {
        expect("REF", 3, 3);
        require(is(1, qualifier), "REF*" + qualifier + " expected, found REF*" + str(1));
        return digits(2, 1, 9);
    }

    // ------------------------------------------------------------------ elements

    /** DTM*582*CCYYMMDD*HHMM*{PS|PD} as epoch seconds, the code checked against the Pacific zone's rules. */
    private long intervalEnd() {
        long day = epochDay(2);
        int s = el[3];
        require(end(3) - s == 4, "DTM*582 time must be HHMM");
        int hh = digit(s) * 10 + digit(s + 1);
        int mm = digit(s + 2) * 10 + digit(s + 3);
        require(hh < 24 && mm < 60, "DTM*582 time " + str(3) + " is not a time of day");
        int offset;
        if (is(4, "PS")) {
            offset = PST;
        } else if (is(4, "PD")) {
            offset = PDT;
        } else {
            throw fail("DTM*582 zone is " + str(4) + ", not PS or PD");
        }
        long epoch = day * 86_400L + hh * 3600L + mm * 60L - offset;
        require(RULES.getOffset(Instant.ofEpochSecond(epoch)).getTotalSeconds() == offset,
                "DTM*582 " + str(2) + " " + str(3) + " " + str(4) + ": that zone code is not in force then");
        return epoch;
    }

    private LocalDate date(int i) {
        return LocalDate.ofEpochDay(epochDay(i));
    }

    /** The last date parsed (8 bytes) and its epoch day: interval ends repeat a date 96 times. */
    private final byte[] cachedDate = new byte[8];
    private long cachedDay = Long.MIN_VALUE;

    private long epochDay(int i) {
        int s = el[i];
        require(end(i) - s == 8, "element " + i + " must be a date CCYYMMDD, is " + str(i));
        if (cachedDay != Long.MIN_VALUE && Arrays.equals(b, s, s + 8, cachedDate, 0, 8)) {
            return cachedDay;
        }
        int y = digit(s) * 1000 + digit(s + 1) * 100 + digit(s + 2) * 10 + digit(s + 3);
        int m = digit(s + 4) * 10 + digit(s + 5);
        int d = digit(s + 6) * 10 + digit(s + 7);
        try {
            cachedDay = LocalDate.of(y, m, d).toEpochDay();
        } catch (DateTimeException e) {
            cachedDay = Long.MIN_VALUE;
            throw fail(str(i) + " is not a date");
        }
        System.arraycopy(b, s, cachedDate, 0, 8);
        return cachedDay;
    }

    private int digit(int at) {
        int c = b[at] - '0';
        if (c < 0 || c > 9) {
            throw fail("a digit expected at offset " + at);
        }
        return c;
    }

    /**
     * A quantity as edi-867.md writes it (plain decimal, at most 4 places, no trailing zeros or point, a leading 0
     * before a point), times 10^4.
     */
    private long quantity1e4(int i) {
        int s = el[i];
        int e = end(i);
        String text = str(i);
        boolean negative = s < e && b[s] == '-';
        int p = negative ? s + 1 : s;
        int intStart = p;
        while (p < e && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        int intDigits = p - intStart;
        require(intDigits >= 1 && intDigits <= 14, "quantity '" + text + "' has no or too many whole digits");
        require(intDigits == 1 || b[intStart] != '0', "quantity '" + text + "' has a leading zero");
        long v = 0;
        for (int k = intStart; k < intStart + intDigits; k++) {
            v = v * 10 + (b[k] - '0');
        }
        int frac = 0;
        if (p < e) {
            require(b[p] == '.', "quantity '" + text + "' is not a plain decimal");
            int f = p + 1;
            int fracDigits = e - f;
            require(fracDigits >= 1 && fracDigits <= 4, "quantity '" + text + "' has no or more than 4 decimal places");
            require(b[e - 1] != '0', "quantity '" + text + "' has a trailing zero");
            for (int k = f; k < e; k++) {
                frac = frac * 10 + digit(k);
            }
            for (int k = fracDigits; k < 4; k++) {
                frac *= 10;
            }
        }
        long out = v * 10_000L + frac;
        require(!(negative && out == 0), "quantity '" + text + "' is a negative zero");
        return negative ? -out : out;
    }

    private long digits(int i, int min, int max) {
        int s = el[i];
        int e = end(i);
        require(e - s >= min && e - s <= max, "element " + i + " '" + str(i) + "' must have " + min + " to " + max
                + " digits");
        long v = 0;
        for (int k = s; k < e; k++) {
            v = v * 10 + digit(k);
        }
        return v;
    }

    private int end(int i) {
        return i + 1 < elements ? el[i + 1] - 1 : segEnd;
    }

    private boolean empty(int i) {
        return i >= elements || end(i) == el[i];
    }

    private boolean is(int i, String s) {
        if (i >= elements) {
            return false;
        }
        int start = el[i];
        int len = end(i) - start;
        if (len != s.length()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (b[start + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private String str(int i) {
        return i < elements ? new String(b, el[i], end(i) - el[i], StandardCharsets.US_ASCII) : "";
    }

    // ------------------------------------------------------------------ segments

    /** Reads the next segment (or takes the peeked one) and checks its tag and element count (tag included). */
    private void expect(String tag, int minElements, int maxElements) {
        if (!peeked) {
            if (!next()) {
                throw new Edi867FormatException("the interchange ends where " + tag + " is expected");
            }
        }
        peeked = false;
        if (!is(0, tag)) {
            throw fail(tag + " expected, found " + str(0));
        }
        if (elements < minElements || elements > maxElements) {
            throw fail(tag + " has " + (elements - 1) + " elements");
        }
    }

    private boolean nextTagIs(String tag) {
        if (!peeked) {
            if (!next()) {
                return false;
            }
            peeked = true;
        }
        return is(0, tag);
    }

    /** Moves to the next segment: up to {@code ~}, which a line feed must follow. False at the end of the bytes. */
    private boolean next() {
        if (pos >= b.length) {
            return false;
        }
        segmentNo++;
        segStart = pos;
        elements = 1;
        el[0] = pos;
        int p = pos;
        while (p < b.length && b[p] != '~') {
            byte c = b[p];
            if (c == '*') {
                if (elements == el.length) {
                    el = Arrays.copyOf(el, elements * 2);
                }
                el[elements++] = p + 1;
            } else if (c == '\n' || c == '\r') {
                throw new Edi867FormatException("segment " + segmentNo + ": a line break inside the segment");
            }
            p++;
        }
        if (p >= b.length) {
            throw new Edi867FormatException("segment " + segmentNo + " has no terminator '~'");
        }
        segEnd = p;
        if (p + 1 >= b.length || b[p + 1] != '\n') {
            throw new Edi867FormatException("segment " + segmentNo + ": '~' is not followed by a line feed");
        }
        pos = p + 2;
        return true;
    }

    private void require(boolean ok, String what) {
        if (!ok) {
            throw fail(what);
        }
    }

    private Edi867FormatException fail(String what) {
        String seg = new String(b, segStart, Math.min(segEnd - segStart, 80), StandardCharsets.US_ASCII);
        return new Edi867FormatException("segment " + segmentNo + " (" + seg + "): " + what);
    }
}
