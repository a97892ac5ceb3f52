package energy.mdma.edi.x12;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.ChannelReport;
import energy.mdma.edi.model.InterchangeHeader;
import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.IntervalSeries;
import energy.mdma.edi.model.MeterReport;
import energy.mdma.edi.model.Party;
import energy.mdma.edi.model.Purpose;
import energy.mdma.edi.model.Quantities;
import energy.mdma.edi.model.TransactionSet;
import energy.mdma.edi.model.X12Uom;
import energy.mdma.edi.model.UsageIndicator;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;

/**
 * Parses an X12 004010 867 interchange back into the model, validating it with the same schemas as the tests'
 * StAEDI writer, {@code Edi867Writer} ({@link Edi867Schemas}: StAEDI's X12 control schema including control numbers
 * and counts, and the 867 transaction schema). Any validation error refuses the whole document with an
 * {@link Edi867ValidationException}.
 *
 * <p>The 867 carries no party ids, only D-U-N-S numbers: a resolver maps a D-U-N-S to the party id
 * (by default the D-U-N-S itself). A cancellation carries no period: its period dates are null.
 */
public final class Edi867Reader {
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private final UnaryOperator<String> partyIdByDuns;

    public Edi867Reader() {
        this(UnaryOperator.identity());
    }

    /** @param partyIdByDuns maps a D-U-N-S number to the party id of the model */
    public Edi867Reader(UnaryOperator<String> partyIdByDuns) {
        this.partyIdByDuns = Objects.requireNonNull(partyIdByDuns);
    }

    public Interchange867 read(byte[] document) {
        return read(new ByteArrayInputStream(document));
    }

    public Interchange867 read(InputStream in) {
        List<String> errors = new ArrayList<>();
        List<Seg> segments = parse(in, errors);
        if (!errors.isEmpty()) {
            throw new Edi867ValidationException("867 interchange refused", errors);
        }
        try {
            return interpret(segments);
        } catch (RuntimeException e) {
            if (e instanceof Edi867ValidationException v) {
                throw v;
            }
            throw new Edi867ValidationException("867 interchange not understood", List.of(e.getMessage()), e);
        }
    }

    // ------------------------------------------------------------------ parsing and validation

    /** One segment: tag and elements (1-based positions; a composite as its components joined by '>'). */
    private record Seg(int position, String tag, List<String> elements) {
        String el(int pos) {
            return pos <= elements.size() ? elements.get(pos - 1) : "";
        }

        /** First component of a composite element. */
        String comp1(int pos) {
            String e = el(pos);
            int gt = e.indexOf('>');
            return gt < 0 ? e : e.substring(0, gt);
        }

        @Override
        public String toString() {
            return "segment " + position + " " + tag + "*" + String.join("*", elements);
        }
    }

    private static List<Seg> parse(InputStream in, List<String> errors) {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, true);
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, true);
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
        List<Seg> out = new ArrayList<>();
        try (EDIStreamReader r = factory.createEDIStreamReader(in, Edi867Schemas.control())) {
            String tag = null;
            List<String> elements = null;
            List<String> composite = null;
            int position = 0;
            boolean interchanges = false;
            while (r.hasNext()) {
                EDIStreamEvent event = r.next();
                switch (event) {
                case START_INTERCHANGE:
                    if (interchanges) {
                        errors.add("more than one interchange in the document");
                    }
                    interchanges = true;
                    break;
                case START_TRANSACTION:
                    r.setTransactionSchema(Edi867Schemas.transaction());
                    break;
                case START_SEGMENT:
                    tag = r.getText();
                    elements = new ArrayList<>();
                    position = r.getLocation().getSegmentPosition();
                    break;
                case START_COMPOSITE:
                    composite = new ArrayList<>();
                    padTo(elements, r.getLocation().getElementPosition() - 1);
                    break;
                case END_COMPOSITE:
                    elements.add(String.join(">", composite));
                    composite = null;
                    break;
                case ELEMENT_DATA:
                    if (composite != null) {
                        padTo(composite, r.getLocation().getComponentPosition() - 1);
                        composite.add(r.getText());
                    } else if (elements != null) {
                        padTo(elements, r.getLocation().getElementPosition() - 1);
                        elements.add(r.getText());
                    }
                    break;
                case END_SEGMENT:
                    out.add(new Seg(position, tag, List.copyOf(elements)));
                    tag = null;
                    elements = null;
                    break;
                case SEGMENT_ERROR:
                case ELEMENT_DATA_ERROR:
                case ELEMENT_OCCURRENCE_ERROR:
                    errors.add(describe(r.getErrorType(), r.getLocation(), r.getText(), null));
                    break;
                default:
                    break;
                }
            }
            if (!interchanges) {
                errors.add("no interchange found");
            }
        } catch (EDIStreamException | RuntimeException e) {
            errors.add("cannot parse: " + e.getMessage());
        } catch (IOException e) {
            errors.add("cannot read: " + e.getMessage());
        }
        return out;
    }

    private static void padTo(List<String> elements, int size) {
        while (elements.size() < size) {
            elements.add("");
        }
    }

    // ------------------------------------------------------------------ interpretation

    private Interchange867 interpret(List<Seg> segs) {
        Seg isa = expect(segs, 0, "ISA");
        Seg gs = expect(segs, 1, "GS");
        if (!"PT".equals(gs.el(1))) {
            throw new IllegalArgumentException("GS01 " + gs.el(1) + ", want PT");
        }
        if (!"004010".equals(gs.el(8))) {
            throw new IllegalArgumentException("GS08 " + gs.el(8) + ", want 004010");
        }
        Instant created = LocalDateTime.of(LocalDate.parse(gs.el(4), CCYYMMDD), LocalTime.parse(gs.el(5), HHMM))
                .toInstant(ZoneOffset.UTC);
        InterchangeHeader header = new InterchangeHeader(isa.el(6).strip(), isa.el(8).strip(), created,
                Long.parseLong(isa.el(13)), Long.parseLong(gs.el(6)), UsageIndicator.fromCode(isa.el(15)));
        List<TransactionSet> sets = new ArrayList<>();
        int i = 2;
        while (i < segs.size() && segs.get(i).tag().equals("ST")) {
            int j = i + 1;
            while (j < segs.size() && !segs.get(j).tag().equals("SE")) {
                j++;
            }
            if (j >= segs.size()) {
                throw new IllegalArgumentException("ST " + segs.get(i).el(2) + " without SE");
            }
            if (!"867".equals(segs.get(i).el(1))) {
                throw new IllegalArgumentException("ST01 " + segs.get(i).el(1) + ", want 867");
            }
            sets.add(new TransactionSet(Long.parseLong(segs.get(i).el(2)), transaction(segs.subList(i + 1, j))));
            i = j + 1;
        }
        expect(segs, i, "GE");
        expect(segs, i + 1, "IEA");
        if (i + 2 != segs.size()) {
            throw new IllegalArgumentException("segments after IEA");
        }
        return new Interchange867(header, sets);
    }

    private static Seg expect(List<Seg> segs, int index, String tag) {
        if (index >= segs.size() || !segs.get(index).tag().equals(tag)) {
            throw new IllegalArgumentException("expected " + tag + " at segment index " + index);
        }
        return segs.get(index);
    }

    private static final class ChannelBuilder {
        int channel;
        X12Uom uom;
        BigDecimal total;
        boolean totalEstimated;
        Long registerStart;
        Long registerEnd;
        IntervalSeries intervals;
    }

    private static final class MeterBuilder {
        String meterId;
        BigDecimal multiplier;
        final Map<Integer, ChannelBuilder> channels = new LinkedHashMap<>();
    }

    private AccountPeriodReport transaction(List<Seg> body) {
        Seg bpt = null;
        String account = null;
        Map<String, Seg> n1 = new LinkedHashMap<>();
        LocalDate from = null;
        LocalDate to = null;
        Map<String, MeterBuilder> meters = new LinkedHashMap<>();
        int k = 0;
        for (; k < body.size() && !body.get(k).tag().equals("PTD"); k++) {
            Seg s = body.get(k);
            switch (s.tag()) {
            case "BPT" -> bpt = s;
            case "REF" -> {
                if ("12".equals(s.el(1))) {
                    account = s.el(2);
                }
            }
            case "N1" -> {
                if (n1.put(s.el(1), s) != null) {
                    throw new IllegalArgumentException("N1*" + s.el(1) + " twice");
                }
            }
            default -> throw new IllegalArgumentException("unexpected " + s);
            }
        }
        if (bpt == null || account == null || !n1.containsKey("8S") || !n1.containsKey("SJ") || !n1.containsKey("8R")) {
            throw new IllegalArgumentException("heading incomplete (BPT, REF*12, N1*8S, N1*SJ, N1*8R)");
        }
        while (k < body.size()) {
            // one PTD loop
            Seg ptd = body.get(k++);
            String type = ptd.el(1);
            LocalDate loopFrom = null;
            LocalDate loopTo = null;
            String meterId = null;
            Integer channel = null;
            List<Seg> rest = new ArrayList<>();
            for (; k < body.size() && !body.get(k).tag().equals("PTD"); k++) {
                Seg s = body.get(k);
                if (rest.isEmpty() && s.tag().equals("DTM") && s.el(1).equals("150")) {
                    loopFrom = LocalDate.parse(s.el(2), CCYYMMDD);
                } else if (rest.isEmpty() && s.tag().equals("DTM") && s.el(1).equals("151")) {
                    loopTo = LocalDate.parse(s.el(2), CCYYMMDD);
                } else if (rest.isEmpty() && s.tag().equals("REF") && s.el(1).equals("MG")) {
                    meterId = s.el(2);
                } else if (rest.isEmpty() && s.tag().equals("REF") && s.el(1).equals("6W")) {
                    channel = Integer.valueOf(s.el(2));
                } else {
                    rest.add(s);
                }
            }
            if (loopFrom == null || loopTo == null || meterId == null || channel == null) {
                throw new IllegalArgumentException(ptd + ": loop without DTM*150, DTM*151, REF*MG and REF*6W");
            }
            if (from == null) {
                from = loopFrom;
                to = loopTo;
            } else if (!from.equals(loopFrom) || !to.equals(loopTo)) {
                throw new IllegalArgumentException(ptd + ": period differs from the transaction's first loop");
            }
            MeterBuilder m = meters.computeIfAbsent(meterId, id -> {
                MeterBuilder b = new MeterBuilder();
                b.meterId = id;
                return b;
            });
            if ("BO".equals(type)) {
                summaryLoop(ptd, rest, m, channel);
            } else if ("PM".equals(type)) {
                intervalLoop(ptd, rest, m, channel);
            } else {
                throw new IllegalArgumentException(ptd + ": PTD01 " + type);
            }
        }
        Purpose purpose = Purpose.fromCode(bpt.el(1));
        List<MeterReport> meterReports = new ArrayList<>();
        for (MeterBuilder m : meters.values()) {
            List<ChannelReport> channels = new ArrayList<>();
            for (ChannelBuilder c : m.channels.values()) {
                channels.add(new ChannelReport(c.channel, c.uom, c.total, c.totalEstimated, c.registerStart,
                        c.registerEnd, c.intervals));
            }
            meterReports.add(new MeterReport(m.meterId, m.multiplier, channels));
        }
        String bpt04 = bpt.el(4);
        if (!"C1".equals(bpt04) && !"DD".equals(bpt04)) {
            throw new IllegalArgumentException("BPT04 " + bpt04);
        }
        Seg udc = n1.get("8S");
        Seg esp = n1.get("SJ");
        return new AccountPeriodReport(account, from, to,
                new Party(partyIdByDuns.apply(udc.el(4)), udc.el(2), udc.el(4)),
                new Party(partyIdByDuns.apply(esp.el(4)), esp.el(2), esp.el(4)),
                n1.get("8R").el(2), "C1".equals(bpt04), bpt.el(2), purpose,
                bpt.el(9).isEmpty() ? null : bpt.el(9), LocalDate.parse(bpt.el(3), CCYYMMDD), meterReports);
    }

    private static void summaryLoop(Seg ptd, List<Seg> rest, MeterBuilder m, int channel) {
        if (m.channels.containsKey(channel)) {
            throw new IllegalArgumentException(ptd + ": second summary loop for " + m.meterId + "/" + channel);
        }
        if (rest.isEmpty() || !rest.get(0).tag().equals("QTY")) {
            throw new IllegalArgumentException(ptd + ": summary loop without QTY");
        }
        ChannelBuilder c = new ChannelBuilder();
        c.channel = channel;
        Seg qty = rest.get(0);
        c.totalEstimated = qtyEstimated(qty);
        c.total = new BigDecimal(qty.el(2));
        c.uom = X12Uom.fromX12Code(qty.comp1(3));
        for (Seg s : rest.subList(1, rest.size())) {
            if (!s.tag().equals("MEA") || c.registerStart != null) {
                throw new IllegalArgumentException("unexpected " + s + " in a summary loop");
            }
            if (!X12Uom.fromX12Code(s.comp1(4)).equals(c.uom)) {
                throw new IllegalArgumentException(s + ": unit differs from the QTY's");
            }
            BigDecimal multiplier = new BigDecimal(s.el(3));
            if (m.multiplier != null && m.multiplier.compareTo(multiplier) != 0) {
                throw new IllegalArgumentException(s + ": multiplier differs from the meter's other channel");
            }
            m.multiplier = multiplier;
            c.registerStart = Long.valueOf(new BigDecimal(s.el(5)).longValueExact());
            c.registerEnd = Long.valueOf(new BigDecimal(s.el(6)).longValueExact());
        }
        m.channels.put(channel, c);
    }

    private static boolean qtyEstimated(Seg qty) {
        return switch (qty.el(1)) {
        case "KA" -> true;
        case "QD" -> false;
        default -> throw new IllegalArgumentException(qty + ": QTY01 " + qty.el(1));
        };
    }

    private static void intervalLoop(Seg ptd, List<Seg> rest, MeterBuilder m, int channel) {
        ChannelBuilder c = m.channels.get(channel);
        if (c == null || c.intervals != null) {
            throw new IllegalArgumentException(ptd + ": interval loop not right after the summary loop of "
                    + m.meterId + "/" + channel);
        }
        if (rest.size() % 2 != 0) {
            throw new IllegalArgumentException(ptd + ": QTY and DTM*582 not in pairs");
        }
        int n = rest.size() / 2;
        long[] ends = new long[n];
        long[] usage = new long[n];
        boolean[] est = new boolean[n];
        for (int i = 0; i < n; i++) {
            Seg qty = rest.get(2 * i);
            Seg dtm = rest.get(2 * i + 1);
            if (!qty.tag().equals("QTY") || !dtm.tag().equals("DTM") || !dtm.el(1).equals("582")) {
                throw new IllegalArgumentException(qty + ": not a QTY / DTM*582 pair");
            }
            if (!X12Uom.fromX12Code(qty.comp1(3)).equals(c.uom)) {
                throw new IllegalArgumentException(qty + ": unit differs from the summary loop's");
            }
            est[i] = qtyEstimated(qty);
            try {
                usage[i] = Quantities.to1e4(new BigDecimal(qty.el(2)));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(qty + ": more than 4 decimal places", e);
            }
            ends[i] = dtm582EpochSecond(dtm);
        }
        c.intervals = new IntervalSeries(ends, usage, est);
    }

    /** DTM*582*CCYYMMDD*HHMM*{PS|PD} to the instant: PS is UTC-8, PD UTC-7. */
    static long dtm582EpochSecond(Seg dtm) {
        int offsetHours = switch (dtm.el(4)) {
        case "PS" -> -8;
        case "PD" -> -7;
        default -> throw new IllegalArgumentException(dtm + ": DTM04 " + dtm.el(4) + ", want PS or PD");
        };
        try {
            LocalDateTime local = LocalDateTime.of(LocalDate.parse(dtm.el(2), CCYYMMDD), LocalTime.parse(dtm.el(3), HHMM));
            return local.toEpochSecond(ZoneOffset.ofHours(offsetHours));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(dtm + ": bad date or time", e);
        }
    }

    /** A validation error of StAEDI as a person reads it: where (segment, element), what, the data. */
    static String describe(EDIStreamValidationError error, Location location, CharSequence data, EDIReference ref) {
        StringBuilder sb = new StringBuilder();
        if (location != null) {
            sb.append("segment ").append(location.getSegmentPosition());
            if (location.getSegmentTag() != null) {
                sb.append(' ').append(location.getSegmentTag());
            }
            if (location.getElementPosition() > 0) {
                sb.append(String.format("%02d", location.getElementPosition()));
                if (location.getComponentPosition() > 0) {
                    sb.append('-').append(String.format("%02d", location.getComponentPosition()));
                }
            }
            sb.append(": ");
        }
        sb.append(error);
        if (ref != null) {
            EDIType type = ref.getReferencedType();
            if (type != null) {
                sb.append(" (").append(type.getId()).append(')');
            }
        }
        if (data != null && data.length() > 0) {
            sb.append(" '").append(data).append('\'');
        }
        return sb.toString();
    }
}
