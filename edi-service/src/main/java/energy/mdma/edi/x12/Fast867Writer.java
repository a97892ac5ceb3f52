package energy.mdma.edi.x12;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.ChannelReport;
import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.InterchangeHeader;
import energy.mdma.edi.model.IntervalSeries;
import energy.mdma.edi.model.MeterReport;
import energy.mdma.edi.model.Purpose;
import energy.mdma.edi.model.Quantities;
import energy.mdma.edi.model.TransactionSet;
import energy.mdma.edi.model.X12Uom;
import energy.mdma.x12.X12Envelope;

/**
 * Writes X12 004010 867 documents straight into bytes, without StAEDI: the same bytes as the tests' reference
 * writer {@code Edi867Writer}, StAEDI's validating writer (edi-867.md's layout, each segment terminated by {@code ~}
 * and a line feed), each value through a bounded formatter of {@link X12Values} that refuses anything outside its
 * element's domain. A refusal is an {@link Edi867ValidationException} naming the set, the element, the value and
 * why. What it writes is meant to be checked by {@link Edi867Checker} before it is posted.
 *
 * <p>Where it refuses what {@code Edi867Writer} writes (all of them documents StAEDI's reader, and so
 * the checker, refuses, or values Edi867Writer would write wrongly): characters outside the Basic
 * Multilingual Plane or lone surrogates in a name or an identifier; dates outside years 1..9999
 * (Edi867Writer writes the year 0 as 0001 and a year after 9999 with a sign); non-ASCII characters in the
 * sender's or receiver's D-U-N-S (the ISA is a fixed-length ASCII segment); an empty cancelled report id
 * (BPT09; Edi867Writer writes an empty element, a cancellation that does not say what it cancels).
 *
 * <p>Thread-safe: no mutable state; each call renders with its own buffers.
 */
public final class Fast867Writer {
    /** PTDLOOP maxOccurs in the 867 schema. */
    static final int MAX_PTD_LOOPS = 99_999;
    /** QTYLOOP maxOccurs in the 867 schema. */
    static final int MAX_QTY_LOOPS = 999_999;
    /** GE01 (E97): at most 6 digits. */
    static final int MAX_SETS = X12Envelope.MAX_TRANSACTION_SETS;


    private static final byte[] QTY_QD = ascii("QTY*QD*");
    private static final byte[] QTY_KA = ascii("QTY*KA*");
    private static final byte[] SEG_END = ascii("~\n");
    private static final byte[] PTD_BO = ascii("PTD*BO~\n");
    private static final byte[] PTD_PM = ascii("PTD*PM~\n");
    private static final byte[][] UNIT_THEN_DTM582 = new byte[X12Uom.values().length][];
    private static final byte[][] UNIT_END = new byte[X12Uom.values().length][];

    static {
        for (X12Uom u : X12Uom.values()) {
            UNIT_THEN_DTM582[u.ordinal()] = ascii("*" + u.x12Code() + "~\nDTM*582*");
            UNIT_END[u.ordinal()] = ascii("*" + u.x12Code() + "~\n");
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Renders ST..SE of one transaction set. */
    public RenderedSet renderSet(TransactionSet ts) {
        try {
            return new SetWriter(ts).write();
        } catch (X12ValueException e) {
            throw new Edi867ValidationException("867 transaction set " + ts.st02(),
                    List.of(where(ts) + e.error()), e);
        } catch (SetException e) {
            throw new Edi867ValidationException("867 transaction set " + ts.st02(),
                    List.of(where(ts) + e.getMessage()), e.getCause());
        }
    }

    private static String where(TransactionSet ts) {
        return "ST " + ts.st02() + " (report " + ts.report().reportId() + ", account " + ts.report().serviceAccount()
                + "): ";
    }

    /** ISA, GS, the sets, GE and IEA, with GE01 and IEA01 filled in. */
    public byte[] interchange(InterchangeHeader h, List<RenderedSet> sets) {
        return interchange(h, sets, null);
    }

    /**
     * {@link #interchange(InterchangeHeader, List)}, telling where each set starts in it: {@code setStarts[i]} is the
     * position of {@code sets.get(i)}'s ST ({@code setStarts} holds at least as many positions as there are sets;
     * null when not wanted).
     */
    public byte[] interchange(InterchangeHeader h, List<RenderedSet> sets, int[] setStarts) {
        String context = "867 interchange " + h.isa13() + " to " + h.receiverDuns();
        if (sets == null || sets.isEmpty()) {
            throw new Edi867ValidationException(context, List.of("an interchange needs at least one transaction set"));
        }
        if (sets.size() > MAX_SETS) {
            throw new Edi867ValidationException(context, List.of("GE01 " + sets.size()
                    + " transaction sets, at most " + MAX_SETS + " (E97 has 6 digits): split the file"));
        }
        byte[] head;
        byte[] tail;
        try {
            X12Values.checkInterchangeId("ISA06/GS02 sender D-U-N-S", h.senderDuns());
            X12Values.checkInterchangeId("ISA08/GS03 receiver D-U-N-S", h.receiverDuns());
            X12Values.checkYear("ISA09", LocalDate.ofEpochDay(Math.floorDiv(h.created().getEpochSecond(), 86_400L)));
            X12Envelope envelope = new X12Envelope(h.senderDuns(), h.receiverDuns(), h.created(),
                    h.interchangeControlNumber(), h.groupControlNumber(), h.usage().code());
            head = envelope.header();
            tail = envelope.trailer(sets.size());
        } catch (X12ValueException e) {
            throw new Edi867ValidationException(context, List.of(e.error()), e);
        }
        long total = (long) head.length + tail.length;
        for (RenderedSet s : sets) {
            total += s.length();
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new Edi867ValidationException(context, List.of("document of " + total + " bytes is larger than 2 GB"));
        }
        byte[] out = new byte[(int) total];
        int at = 0;
        System.arraycopy(head, 0, out, at, head.length);
        at += head.length;
        for (int i = 0; i < sets.size(); i++) {
            if (setStarts != null) {
                setStarts[i] = at;
            }
            at = sets.get(i).copyTo(out, at);
        }
        System.arraycopy(tail, 0, out, at, tail.length);
        return out;
    }

    /** {@code interchange(ic.header(), each set rendered)}: byte-identical to {@code Edi867Writer.render}. */
    public byte[] render(Interchange867 ic) {
        List<RenderedSet> sets = new ArrayList<>(ic.transactionSets().size());
        try {
            for (TransactionSet ts : ic.transactionSets()) {
                sets.add(renderSet(ts));
            }
        } catch (Edi867ValidationException e) {
            throw new Edi867ValidationException("867 interchange " + ic.header().isa13() + " to "
                    + ic.header().receiverDuns(), e.errors(), e);
        }
        return interchange(ic.header(), sets);
    }

    /** ST02/SE02 as written: at least 4 digits, zero padded. */
    static byte[] st02Bytes(long controlNumber) {
        X12Buffer b = new X12Buffer(16);
        int digits = X12Values.digitCount(controlNumber);
        b.digits(controlNumber, Math.max(4, digits));
        return b.toByteArray();
    }

    /** A refusal that is not about one value (structure limits). */
    private static final class SetException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SetException(String message) {
            super(message);
        }
    }

    /** One rendering of one set. */
    private static final class SetWriter {
        private final TransactionSet ts;
        private final AccountPeriodReport r;
        private final X12Buffer b;
        private final X12Values.Dtm582 dtm582 = new X12Values.Dtm582();
        private int segments;
        private int intervals;
        private int ptdLoops;
        private byte[] periodDtms;

        SetWriter(TransactionSet ts) {
            this.ts = ts;
            this.r = ts.report();
            this.b = new X12Buffer(estimateSize(r));
        }

        private static int estimateSize(AccountPeriodReport r) {
            long n = 400;
            for (MeterReport m : r.meters()) {
                for (ChannelReport c : m.channels()) {
                    n += 320 + (c.isInterval() ? 46L * c.intervals().size() : 0);
                }
            }
            return (int) Math.min(n, 1 << 30);
        }

        RenderedSet write() {
            byte[] st02 = st02Bytes(ts.controlNumber());
            b.ascii("ST*867*");
            int st02At = b.length();
            b.put(st02).put(SEG_END);
            segments++;

            b.ascii("BPT*");
            X12Values.code(b, "BPT01 purpose", r.purpose().code(), "00", "01");
            b.put((byte) '*');
            int bpt02At = b.length();
            X12Values.identifier(b, "BPT02 report id", r.reportId(), 1, 30);
            int bpt02Len = b.length() - bpt02At;
            b.put((byte) '*');
            X12Values.ccyymmdd(b, "BPT03 created", r.created());
            b.put((byte) '*');
            X12Values.code(b, "BPT04 report type", r.reportTypeCode(), "C1", "DD");
            if (r.purpose() == Purpose.CANCELLATION) {
                b.ascii("*****");
                X12Values.identifier(b, "BPT09 cancelled report id", r.cancelledReportId(), 1, 30);
            }
            b.put(SEG_END);
            segments++;

            b.ascii("REF*12*");
            X12Values.identifier(b, "REF02 service account (REF*12)", r.serviceAccount(), 1, 30);
            b.put(SEG_END);
            segments++;
            party("8S", "UDC", r.udc().name(), r.udc().duns());
            party("SJ", "ESP", r.esp().name(), r.esp().duns());
            b.ascii("N1*8R*");
            X12Values.name(b, "N102 customer name (N1*8R)", r.customerName(), true);
            b.put(SEG_END);
            segments++;

            if (r.purpose() == Purpose.ORIGINAL) {
                X12Buffer p = new X12Buffer(48);
                p.ascii("DTM*150*");
                X12Values.ccyymmdd(p, "DTM02 period start (DTM*150)", r.periodStart());
                p.ascii("~\nDTM*151*");
                X12Values.ccyymmdd(p, "DTM02 period end (DTM*151)", r.periodEnd());
                p.put(SEG_END);
                periodDtms = p.toByteArray();
                for (MeterReport m : r.metersInOrder()) {
                    for (ChannelReport c : m.channelsInOrder()) {
                        summaryLoop(m, c);
                        if (c.isInterval()) {
                            intervalLoop(m, c);
                        }
                    }
                }
            }

            segments++; // SE
            b.ascii("SE*").digits(segments).put((byte) '*');
            int se02At = b.length();
            b.put(st02).put(SEG_END);
            // keep the buffer when it is nearly full (no copy), else trim it
            byte[] bytes = b.buf.length - b.len <= b.len / 8 ? b.buf : b.toByteArray();
            return new RenderedSet(bytes, b.len, segments, intervals, r.reportId(), ts.controlNumber(),
                    st02At, st02.length, bpt02At, bpt02Len, se02At, st02.length);
        }

        private void party(String qualifier, String role, String name, String duns) {
            b.ascii("N1*").ascii(qualifier).put((byte) '*');
            X12Values.name(b, "N102 " + role + " name (N1*" + qualifier + ")", name, false);
            b.ascii("*1*");
            X12Values.identifier(b, "N104 " + role + " D-U-N-S (N1*" + qualifier + ")", duns, 2, 80);
            b.put(SEG_END);
            segments++;
        }

        private void loopHead(byte[] ptd, MeterReport m, ChannelReport c) {
            if (++ptdLoops > MAX_PTD_LOOPS) {
                throw new SetException("more than " + MAX_PTD_LOOPS + " PTD loops (the 867 schema's PTDLOOP maximum): "
                        + "split the account's meters over several reports");
            }
            b.put(ptd).put(periodDtms).ascii("REF*MG*");
            X12Values.identifier(b, "REF02 meter id (REF*MG)", m.meterId(), 1, 30);
            b.ascii("~\nREF*6W*").digits(c.channel()).put(SEG_END);
            segments += 5;
        }

        private void summaryLoop(MeterReport m, ChannelReport c) {
            loopHead(PTD_BO, m, c);
            byte[] unitEnd = UNIT_END[c.uom().ordinal()];
            b.put(c.totalEstimated() ? QTY_KA : QTY_QD);
            X12Values.quantity(b, "QTY02 period total of meter " + m.meterId() + " channel " + c.channel(), c.total());
            b.put(unitEnd);
            segments++;
            if (c.hasReadings()) {
                b.ascii("MEA*AA*PRQ*");
                X12Values.decimal(b, "MEA03 multiplier of meter " + m.meterId(), m.multiplier(),
                        X12Values.MEASUREMENT_MAX_DIGITS);
                b.put(unitEnd, 0, 3).put((byte) '*');
                X12Values.integer(b, "MEA05 reading R'", c.registerStart(), X12Values.MEASUREMENT_MAX_DIGITS);
                b.put((byte) '*');
                X12Values.integer(b, "MEA06 reading R", c.registerEnd(), X12Values.MEASUREMENT_MAX_DIGITS);
                b.ascii("*51~\n");
                segments++;
            }
        }

        private void intervalLoop(MeterReport m, ChannelReport c) {
            IntervalSeries s = c.intervals();
            long[] ends = s.endEpochSeconds();
            long[] usage = s.usage1e4();
            boolean[] est = s.estimated();
            int n = ends.length;
            if (n == 0) {
                throw new SetException("interval channel " + c.channel() + " of meter " + m.meterId()
                        + " has no intervals: a PTD*PM loop needs at least one QTY (QTYLOOP minimum 1)");
            }
            if (n > MAX_QTY_LOOPS) {
                throw new SetException("interval channel " + c.channel() + " of meter " + m.meterId() + " has " + n
                        + " intervals, more than the " + MAX_QTY_LOOPS + " QTY loops a PTD loop may hold");
            }
            loopHead(PTD_PM, m, c);
            byte[] unitThenDtm = UNIT_THEN_DTM582[c.uom().ordinal()];
            X12Buffer b = this.b;
            X12Values.Dtm582 dtm = dtm582;
            for (int i = 0; i < n; i++) {
                b.ensure(64);
                System.arraycopy(est[i] ? QTY_KA : QTY_QD, 0, b.buf, b.len, 7);
                b.len += 7;
                if (!X12Values.tryQuantity1e4(b, usage[i])) {
                    throw new SetException(intervalWhere(m, c, ends[i]) + "QTY02 '" + quantityText(usage[i])
                            + "': more than " + X12Values.QUANTITY_MAX_DIGITS + " digits (E380 Quantity)");
                }
                b.ensure(16);
                System.arraycopy(unitThenDtm, 0, b.buf, b.len, unitThenDtm.length);
                b.len += unitThenDtm.length;
                try {
                    dtm.write(b, ends[i]);
                } catch (X12ValueException e) {
                    throw new SetException(intervalWhere(m, c, ends[i]) + e.error());
                }
                b.ensure(2);
                b.buf[b.len++] = '~';
                b.buf[b.len++] = '\n';
            }
            segments += 2 * n;
            intervals += n;
        }

        private static String quantityText(long v) {
            return v == Long.MIN_VALUE ? String.valueOf(v) + "e-4" : Quantities.format1e4(v);
        }

        private static String intervalWhere(MeterReport m, ChannelReport c, long end) {
            return "meter " + m.meterId() + " channel " + c.channel() + " interval ending " + Instant.ofEpochSecond(end)
                    + ": ";
        }
    }
}
