package energy.mdma.edi.x12;

import energy.mdma.events.PrevailingTime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.ChannelReport;
import energy.mdma.edi.model.InterchangeHeader;
import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.IntervalSeries;
import energy.mdma.edi.model.MeterReport;
import energy.mdma.edi.model.Names;
import energy.mdma.edi.model.Purpose;
import energy.mdma.edi.model.Quantities;
import energy.mdma.edi.model.TransactionSet;
import energy.mdma.x12.X12Envelope;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.EDIStreamWriter;
import io.xlate.edi.stream.EDIValidationException;
import io.xlate.edi.stream.Location;

/**
 * Renders one X12 004010 867 interchange (one file for one receiver) through StAEDI's
 * {@link EDIStreamWriter} with validation on: StAEDI's X12 control schema for the envelope and our
 * 867 transaction schema for the content. A document with any validation error is refused with an
 * {@link Edi867ValidationException}; nothing of it reaches the caller's stream.
 *
 * <p>Layout (edi-867.md): element separator {@code *}, component separator {@code >}, segment
 * terminator {@code ~} followed by a line feed; ISA, GS*PT, the transaction sets, GE, IEA.
 * Meters are written in meter id order (code points), channels in channel order, each channel's
 * summary loop (PTD*BO) immediately followed, for an interval channel, by its interval loop
 * (PTD*PM) with one QTY / DTM*582 pair per interval; DTM*582 is the interval end in local
 * prevailing time of America/Los_Angeles with PS or PD.
 *
 * <p>Instances are thread-safe (no mutable state).
 */
public final class Edi867Writer {

    public static final char ELEMENT_SEPARATOR = '*';
    public static final char COMPONENT_SEPARATOR = X12Envelope.COMPONENT_SEPARATOR;
    public static final char SEGMENT_TERMINATOR = '~';

    private static final ZoneRules RULES = PrevailingTime.ZONE.getRules();
    private static final int PST_SECONDS = -8 * 3600;
    private static final int PDT_SECONDS = -7 * 3600;
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");
    private static final String EMPTY_10 = "          ";

    /** Renders the interchange; throws {@link Edi867ValidationException} if it does not validate. */
    public byte[] render(Interchange867 interchange) {
        List<String> errors = new ArrayList<>();
        precheck(interchange, errors);
        if (!errors.isEmpty()) {
            throw new Edi867ValidationException(context(interchange), errors);
        }
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        boolean lfPretty = "\n".equals(System.lineSeparator());
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, lfPretty);
        factory.setProperty(Delimiters.SEGMENT, SEGMENT_TERMINATOR);
        factory.setProperty(Delimiters.DATA_ELEMENT, ELEMENT_SEPARATOR);
        factory.setProperty(Delimiters.COMPONENT_ELEMENT, COMPONENT_SEPARATOR);
        factory.setErrorReporter((error, w, location, data, reference) ->
                errors.add(Edi867Reader.describe(error, location, data, reference)));

        ByteArrayOutputStream buffer = new ByteArrayOutputStream(estimateSize(interchange));
        OutputStream target = lfPretty ? buffer : new LineFeedAfterTerminator(buffer);
        try {
            EDIStreamWriter w = factory.createEDIStreamWriter(target, "UTF-8");
            w.setControlSchema(Edi867Schemas.control());
            w.setTransactionSchema(Edi867Schemas.transaction());
            new Session(w).interchange(interchange);
            w.close();
        } catch (EDIValidationException e) {
            errors.add(Edi867Reader.describe(e.getError(), e.getLocation(), e.getData(), null));
            throw new Edi867ValidationException(context(interchange), errors, e);
        } catch (EDIStreamException | RuntimeException e) {
            if (errors.isEmpty()) {
                errors.add(e.toString());
            }
            throw new Edi867ValidationException(context(interchange), errors, e);
        }
        if (!errors.isEmpty()) {
            throw new Edi867ValidationException(context(interchange), errors);
        }
        return buffer.toByteArray();
    }

    /** Renders and, only if it validates, writes the interchange to {@code out}. */
    public void write(Interchange867 interchange, OutputStream out) throws IOException {
        out.write(render(interchange));
    }

    /** Replaces the delimiters {@code * ~ >} (and control characters) by a space; see {@link Names}. */
    public static String sanitizeName(String name) {
        return Names.sanitize(name);
    }

    /** N102: sanitized and cut to 60 characters; see {@link Names}. */
    public static String n102(String name) {
        return Names.n102(name);
    }

    // ------------------------------------------------------------------ internals

    private static String context(Interchange867 ic) {
        return "867 interchange " + ic.header().isa13() + " to " + ic.header().receiverDuns();
    }

    private static int estimateSize(Interchange867 ic) {
        long n = 512;
        for (TransactionSet ts : ic.transactionSets()) {
            n += 300;
            for (MeterReport m : ts.report().meters()) {
                for (ChannelReport c : m.channels()) {
                    n += 300 + (c.isInterval() ? 40L * c.intervals().size() : 0);
                }
            }
        }
        return (int) Math.min(n, Integer.MAX_VALUE - 16);
    }

    /** Checks what the schema cannot see: delimiters inside identifiers. */
    private static void precheck(Interchange867 ic, List<String> errors) {
        InterchangeHeader h = ic.header();
        noDelimiters("ISA06 sender", h.senderDuns(), errors);
        noDelimiters("ISA08 receiver", h.receiverDuns(), errors);
        if (h.senderDuns().length() > 15) {
            errors.add("ISA06 sender " + h.senderDuns() + " longer than 15 characters");
        }
        if (h.receiverDuns().length() > 15) {
            errors.add("ISA08 receiver " + h.receiverDuns() + " longer than 15 characters");
        }
        for (TransactionSet ts : ic.transactionSets()) {
            AccountPeriodReport r = ts.report();
            String where = "ST " + ts.st02() + " ";
            noDelimiters(where + "BPT02 report id", r.reportId(), errors);
            if (r.cancelledReportId() != null) {
                noDelimiters(where + "BPT09 cancelled report id", r.cancelledReportId(), errors);
            }
            noDelimiters(where + "REF*12 service account", r.serviceAccount(), errors);
            noDelimiters(where + "N104 UDC D-U-N-S", r.udc().duns(), errors);
            noDelimiters(where + "N104 ESP D-U-N-S", r.esp().duns(), errors);
            for (MeterReport m : r.meters()) {
                noDelimiters(where + "REF*MG meter id", m.meterId(), errors);
            }
        }
    }

    private static void noDelimiters(String what, String value, List<String> errors) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Names.isDelimiterOrControl(c)) {
                errors.add(what + " '" + value + "' contains a delimiter or control character");
                return;
            }
        }
    }


    /** Adds a line feed after each segment terminator when the platform line separator is not LF. */
    private static final class LineFeedAfterTerminator extends OutputStream {
        private final OutputStream out;

        LineFeedAfterTerminator(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            if (b == SEGMENT_TERMINATOR) {
                out.write('\n');
            }
        }
    }

    /** One rendering pass. */
    private static final class Session {
        private final EDIStreamWriter w;
        private final StringBuilder qty = new StringBuilder(24);
        private final char[] date = new char[8];
        private final char[] time = new char[4];
        private long cachedDay = Long.MIN_VALUE;
        private int segments;

        Session(EDIStreamWriter w) {
            this.w = w;
        }

        void interchange(Interchange867 ic) throws EDIStreamException {
            InterchangeHeader h = ic.header();
            ZonedDateTime utc = h.created().atZone(ZoneOffset.UTC);
            w.startInterchange();
            w.writeStartSegment("ISA")
                    .writeElement("00").writeElement(EMPTY_10)
                    .writeElement("00").writeElement(EMPTY_10)
                    .writeElement("01").writeElement(pad15(h.senderDuns()))
                    .writeElement("01").writeElement(pad15(h.receiverDuns()))
                    .writeElement(YYMMDD.format(utc)).writeElement(HHMM.format(utc))
                    .writeElement("U").writeElement(Edi867Schemas.ISA_VERSION)
                    .writeElement(h.isa13())
                    .writeElement("0").writeElement(h.usage().code())
                    .writeElement(String.valueOf(COMPONENT_SEPARATOR))
                    .writeEndSegment();
            w.writeStartSegment("GS")
                    .writeElement("PT").writeElement(h.senderDuns()).writeElement(h.receiverDuns())
                    .writeElement(CCYYMMDD.format(utc)).writeElement(HHMM.format(utc))
                    .writeElement(Long.toString(h.groupControlNumber()))
                    .writeElement("X").writeElement("004010")
                    .writeEndSegment();
            for (TransactionSet ts : ic.transactionSets()) {
                transaction(ts);
            }
            w.writeStartSegment("GE")
                    .writeElement(Integer.toString(ic.transactionSets().size()))
                    .writeElement(Long.toString(h.groupControlNumber()))
                    .writeEndSegment();
            w.writeStartSegment("IEA").writeElement("1").writeElement(h.isa13()).writeEndSegment();
            w.endInterchange();
        }

        private static String pad15(String s) {
            StringBuilder sb = new StringBuilder(15).append(s);
            while (sb.length() < 15) {
                sb.append(' ');
            }
            return sb.toString();
        }

        private void transaction(TransactionSet ts) throws EDIStreamException {
            AccountPeriodReport r = ts.report();
            segments = 0;
            start("ST").writeElement("867").writeElement(ts.st02());
            end();
            start("BPT").writeElement(r.purpose().code()).writeElement(r.reportId())
                    .writeElement(CCYYMMDD.format(r.created())).writeElement(r.reportTypeCode());
            if (r.purpose() == Purpose.CANCELLATION) {
                w.writeEmptyElement().writeEmptyElement().writeEmptyElement().writeEmptyElement()
                        .writeElement(r.cancelledReportId());
            }
            end();
            start("REF").writeElement("12").writeElement(r.serviceAccount());
            end();
            party("8S", r.udc().name(), r.udc().duns());
            party("SJ", r.esp().name(), r.esp().duns());
            start("N1").writeElement("8R").writeElement(n102(r.customerName()));
            end();
            if (r.purpose() == Purpose.ORIGINAL) {
                String from = CCYYMMDD.format(r.periodStart());
                String to = CCYYMMDD.format(r.periodEnd());
                for (MeterReport m : r.metersInOrder()) {
                    for (ChannelReport c : m.channelsInOrder()) {
                        summaryLoop(from, to, m, c);
                        if (c.isInterval()) {
                            intervalLoop(from, to, m, c);
                        }
                    }
                }
            }
            segments++; // SE itself
            w.writeStartSegment("SE").writeElement(Integer.toString(segments)).writeElement(ts.st02())
                    .writeEndSegment();
        }

        private EDIStreamWriter start(String tag) throws EDIStreamException {
            segments++;
            return w.writeStartSegment(tag);
        }

        private void end() throws EDIStreamException {
            w.writeEndSegment();
        }

        private void party(String qualifier, String name, String duns) throws EDIStreamException {
            start("N1").writeElement(qualifier).writeElement(n102(name)).writeElement("1").writeElement(duns);
            end();
        }

        private void loopHead(String type, String from, String to, MeterReport m, ChannelReport c)
                throws EDIStreamException {
            start("PTD").writeElement(type);
            end();
            start("DTM").writeElement("150").writeElement(from);
            end();
            start("DTM").writeElement("151").writeElement(to);
            end();
            start("REF").writeElement("MG").writeElement(m.meterId());
            end();
            start("REF").writeElement("6W").writeElement(Integer.toString(c.channel()));
            end();
        }

        private void unit(String code) throws EDIStreamException {
            w.writeStartElement().writeComponent(code).endElement();
        }

        private void summaryLoop(String from, String to, MeterReport m, ChannelReport c) throws EDIStreamException {
            loopHead("BO", from, to, m, c);
            String unit = c.uom().x12Code();
            start("QTY").writeElement(c.totalEstimated() ? "KA" : "QD").writeElement(Quantities.format(c.total()));
            unit(unit);
            end();
            if (c.hasReadings()) {
                start("MEA").writeElement("AA").writeElement("PRQ")
                        .writeElement(Quantities.strip(m.multiplier()).toPlainString());
                unit(unit);
                w.writeElement(Long.toString(c.registerStart())).writeElement(Long.toString(c.registerEnd()))
                        .writeElement("51");
                end();
            }
        }

        private void intervalLoop(String from, String to, MeterReport m, ChannelReport c) throws EDIStreamException {
            loopHead("PM", from, to, m, c);
            String unit = c.uom().x12Code();
            IntervalSeries s = c.intervals();
            long[] ends = s.endEpochSeconds();
            long[] usage = s.usage1e4();
            boolean[] est = s.estimated();
            for (int i = 0; i < ends.length; i++) {
                qty.setLength(0);
                Quantities.append1e4(qty, usage[i]);
                start("QTY").writeElement(est[i] ? "KA" : "QD").writeElement(qty);
                unit(unit);
                end();
                dtm582(ends[i]);
            }
        }

        private void dtm582(long endEpochSecond) throws EDIStreamException {
            int offset = RULES.getOffset(Instant.ofEpochSecond(endEpochSecond)).getTotalSeconds();
            String code;
            if (offset == PDT_SECONDS) {
                code = "PD";
            } else if (offset == PST_SECONDS) {
                code = "PS";
            } else {
                throw new IllegalStateException("unexpected offset " + offset + " s in " + PrevailingTime.ZONE);
            }
            long local = endEpochSecond + offset;
            long day = Math.floorDiv(local, 86_400L);
            int secOfDay = (int) Math.floorMod(local, 86_400L);
            if (day != cachedDay) {
                LocalDate d = LocalDate.ofEpochDay(day);
                digits(date, 0, d.getYear(), 4);
                digits(date, 4, d.getMonthValue(), 2);
                digits(date, 6, d.getDayOfMonth(), 2);
                cachedDay = day;
            }
            if (secOfDay % 60 != 0) {
                throw new IllegalStateException("interval end " + Instant.ofEpochSecond(endEpochSecond)
                        + " is not on a whole minute");
            }
            digits(time, 0, secOfDay / 3600, 2);
            digits(time, 2, (secOfDay / 60) % 60, 2);
            start("DTM").writeElement("582").writeElement(date, 0, 8).writeElement(time, 0, 4).writeElement(code);
            end();
        }

        private static void digits(char[] buf, int at, int value, int width) {
            for (int i = at + width - 1; i >= at; i--) {
                buf[i] = (char) ('0' + value % 10);
                value /= 10;
            }
        }
    }
}
