package energy.mdma.edi.decision;

import energy.mdma.edi.internal.ChannelData;
import energy.mdma.edi.internal.MeterData;
import energy.mdma.edi.internal.PartyData;
import energy.mdma.edi.internal.ReportRequest;
import energy.mdma.edi.internal.RequestType;
import energy.mdma.edi.internal.SummaryRowsUpdate;
import energy.mdma.edi.model.CodePointOrder;
import energy.mdma.edi.model.X12Uom;
import energy.mdma.edi.summary.SummaryCsv;
import energy.mdma.edi.summary.SummaryRow;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.IntervalQuality;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PeriodState;
import energy.mdma.events.Sha256;
import energy.mdma.kafka.BinaryAvroSerde;
import energy.mdma.kafka.PrimitiveArrays;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What an account-period's receivers get (edi-867.md, vee-rules.md 3), from its meters, their channels and the
 * current result of each channel-period, against what was last sent ({@link SentState}):
 * <ul>
 *   <li>every channel-period of every meter COMPLETE and the data or the receivers changed: an ORIGINAL to the UDC and
 *   to the account's ESP (posting it cancels the receiver's current report, a correction);</li>
 *   <li>a channel-period HELD while an original is current: a CANCEL to both;</li>
 *   <li>otherwise only the summary rows, when they changed;</li>
 *   <li>a receiver the account left (another ESP) gets a CANCEL and its summary rows of the account-period dropped.</li>
 * </ul>
 * Pure: the processor reads the stores, calls {@link #decide} and carries out the {@link Outcome}.
 */
public final class AccountPeriodDecision {
    /** One per thread: the stream threads decide concurrently. */
    private static final ThreadLocal<BinaryAvroSerde<ReportRequest>> REQUESTS =
            ThreadLocal.withInitial(() -> new BinaryAvroSerde<>(ReportRequest.class));

    private AccountPeriodDecision() {
    }

    /** A meter of the account and its channels (from the master data), each with its current result. */
    public record MeterInput(MeterEvent meter, List<ChannelInput> channels) {
    }

    /** A channel of a meter and the current result of its channel-period (null: none yet). */
    public record ChannelInput(ChannelEvent channel, ChannelPeriodResult result) {
    }

    public sealed interface Outcome {
    }

    /** The master data are not all there yet (meters, parties: read concurrently): decide again at the next round. */
    public record Retry(String why) implements Outcome {
    }

    /** Nothing to send: no result of the account-period yet, or nothing changed since it was last sent. */
    public record Nothing() implements Outcome {
    }

    /**
     * What to send: the 867 requests (originals, cancellations) in the order to post them, the summary rows for stage 2
     * (UDC, ESP, then receivers the account left), what is sent afterwards, and the intervals of the originals' data.
     */
    public record Send(List<ReportRequest> reports, List<SummaryRowsUpdate> summaryRows, SentState sent,
                       long intervals) implements Outcome {
    }

    /**
     * One method, though C2 inlines 8-9 KB of bytecode into it: split into the results' gathering, the sending and
     * the receivers left (each compiled on its own), AccountPeriodDecisionBenchmark measured the same process and C2
     * CPU for 25,000 account-periods in a fresh JVM (C2 2.12-2.54 s before, 2.24-2.67 s after), so it stays whole.
     *
     * @param parties the global table of parties: a party with its D-U-N-S, or null when it is not known (yet)
     */
    public static Outcome decide(String account, LocalDate periodEnd, List<MeterInput> metersIn,
                                 Function<String, PartyData> parties, SentState before) {
        if (metersIn.isEmpty()) {
            // the account's meters are not in the global table yet (it is read concurrently): look again at the next
            // round, or the account-period would wait for its next result
            return new Retry("no meters of account " + account + " known yet");
        }
        List<MeterInput> meters = new ArrayList<>(metersIn);
        meters.sort((a, b) -> CodePointOrder.compare(a.meter().getMeterId(), b.meter().getMeterId()));
        boolean complete = true;
        boolean held = false;
        List<SummaryRow> rows = new ArrayList<>();
        List<MeterData> meterData = new ArrayList<>();
        LocalDate periodStart = null;
        for (MeterInput mi : meters) {
            MeterEvent m = mi.meter();
            List<ChannelInput> chs = new ArrayList<>(mi.channels());
            chs.sort(Comparator.comparingInt(c -> c.channel().getChannel()));
            complete &= !chs.isEmpty();
            List<ChannelData> channelData = new ArrayList<>();
            for (ChannelInput c : chs) {
                ChannelPeriodResult r = c.result();
                if (r == null) {
                    complete = false;
                    continue;
                }
                periodStart = r.getPeriodStart();
                rows.add(summaryRow(r, m));
                held |= r.getState() == PeriodState.HELD;
                complete &= r.getState() == PeriodState.COMPLETE;
                if (r.getState() == PeriodState.COMPLETE) {
                    channelData.add(channelData(r));
                }
            }
            meterData.add(MeterData.newBuilder().setMeterId(m.getMeterId())
                    .setMultiplierUnscaled(m.getMeterMultiplier().getUnscaled())
                    .setMultiplierScale(m.getMeterMultiplier().getScale()).setChannels(channelData).build());
        }
        if (periodStart == null) {
            return new Nothing(); // no result of this account's meters for the period (yet): their first brings it back
        }
        MeterEvent first = meters.get(0).meter();
        PartyData udc = parties.apply(first.getUdcId());
        PartyData esp = parties.apply(first.getEspId());
        if (udc == null || esp == null) {
            return new Retry("parties " + first.getUdcId() + " and " + first.getEspId() + " of account " + account
                    + " not known yet");
        }
        List<String> summaryLines = summaryLines(rows);
        boolean intervalAccount = meters.stream().anyMatch(m -> m.meter().getIntervalMinutes() > 0);
        // a new builder per request, sharing the (unchanged) meter data: Avro's copy constructor (newBuilder(other))
        // deep-copies every interval of every channel
        int start = (int) periodStart.toEpochDay();
        List<MeterData> data = complete ? meterData : List.of();
        Supplier<ReportRequest.Builder> request = () -> ReportRequest.newBuilder().setType(RequestType.SUMMARY_ONLY)
                .setReceiver(udc).setServiceAccount(account)
                .setPeriodStart(start).setPeriodEnd((int) periodEnd.toEpochDay())
                .setUdc(udc).setEsp(esp).setCustomerName(first.getCustomerName()).setIntervalAccount(intervalAccount)
                .setMeters(data).setSummaryRows(List.of());
        String dataHash = complete ? dataHash(request.get().setType(RequestType.ORIGINAL).build())
                : SentState.NO_ORIGINAL;
        String rowsHash = Sha256.hex(String.join("\n", summaryLines).getBytes(StandardCharsets.UTF_8));
        Set<String> receivers = new LinkedHashSet<>(List.of(udc.getId(), esp.getId()));
        RequestType type;
        if (complete) {
            type = dataHash.equals(before.dataHash()) && receivers.equals(before.receivers()) ? RequestType.SUMMARY_ONLY
                    : RequestType.ORIGINAL;
        } else if (held && before.hasCurrentOriginal()) {
            type = RequestType.CANCEL;
        } else {
            type = RequestType.SUMMARY_ONLY;
        }
        boolean rowsChanged = !rowsHash.equals(before.rowsHash()) || !receivers.equals(before.receivers());
        if (type == RequestType.SUMMARY_ONLY && !rowsChanged) {
            return new Nothing();
        }
        List<ReportRequest> reports = new ArrayList<>();
        List<SummaryRowsUpdate> summaries = new ArrayList<>();
        long intervals = 0;
        if (type != RequestType.SUMMARY_ONLY) {
            for (PartyData receiver : List.of(udc, esp)) {
                reports.add(request.get().setType(type).setReceiver(receiver)
                        .setMeters(type == RequestType.ORIGINAL ? meterData : List.of()).build());
            }
            if (type == RequestType.ORIGINAL) {
                intervals = intervals(meterData);
            }
        }
        if (rowsChanged) {
            for (PartyData receiver : List.of(udc, esp)) {
                summaries.add(summaryRows(receiver.getId(), account, periodEnd, summaryLines));
            }
        }
        for (String gone : before.receivers()) {
            if (!receivers.contains(gone)) {
                PartyData p = parties.apply(gone);
                if (p != null) {
                    // the account left this party: cancel what it received and drop its summary rows; the
                    // cancellation names the party that received the report (N1*SJ of the old ESP)
                    ReportRequest.Builder cancel = request.get().setType(RequestType.CANCEL).setReceiver(p)
                            .setMeters(List.of());
                    summaries.add(summaryRows(gone, account, periodEnd, List.of()));
                    boolean wasUdc = gone.equals(before.receivers().iterator().next()); // receivers are (UDC, ESP)
                    if (wasUdc) {
                        cancel.setUdc(p);
                    } else {
                        cancel.setEsp(p);
                    }
                    reports.add(cancel.build());
                }
            }
        }
        String newDataHash = type == RequestType.ORIGINAL ? dataHash
                : type == RequestType.CANCEL ? SentState.NO_ORIGINAL : before.dataHash();
        return new Send(reports, summaries, new SentState(newDataHash, rowsHash, receivers), intervals);
    }

    private static long intervals(List<MeterData> meters) {
        long n = 0;
        for (MeterData m : meters) {
            for (ChannelData c : m.getChannels()) {
                n += c.getUsage() == null ? 0 : c.getUsage().size();
            }
        }
        return n;
    }

    private static SummaryRowsUpdate summaryRows(String receiverId, String account, LocalDate periodEnd, List<String> rows) {
        return SummaryRowsUpdate.newBuilder().setReceiverId(receiverId).setServiceAccount(account)
                .setPeriodEnd((int) periodEnd.toEpochDay()).setRows(rows).build();
    }

    static ChannelData channelData(ChannelPeriodResult r) {
        int n = r.getUsage().size();
        ByteBuffer est = ByteBuffer.allocate(n);
        for (int q : PrimitiveArrays.toInts(r.getQuality())) {
            est.put((byte) ((q & IntervalQuality.ESTIMATED) != 0 ? 1 : 0));
        }
        est.flip();
        return ChannelData.newBuilder().setChannel(r.getChannel()).setUom(r.getUom().name())
                .setTotal(r.getTotal()).setTotalEstimated(r.getTotalEstimated())
                .setRegisterStart(r.getRegisterStart()).setRegisterEnd(r.getRegisterEnd())
                .setIntervalMinutes(r.getIntervalMinutes())
                .setFirstIntervalEnd(r.getFirstIntervalEnd() == null ? null : r.getFirstIntervalEnd().getEpochSecond())
                .setUsage(r.getUsage()).setEstimated(est).build();
    }

    /**
     * A channel-period's row of the summary report (edi-867.md "The summary report"): interval counts for interval
     * meters only, no total unless COMPLETE, the readings, the failure points.
     */
    public static SummaryRow summaryRow(ChannelPeriodResult r, MeterEvent m) {
        boolean interval = m.getIntervalMinutes() > 0;
        boolean held = r.getState() == PeriodState.HELD;
        return new SummaryRow(r.getServiceAccount(), r.getMeterId(), r.getChannel(), X12Uom.valueOf(r.getUom().name()),
                r.getPeriodStart(), r.getPeriodEnd(),
                interval ? r.getIntervalsExpected() : null, interval ? r.getIntervalsActual() : null,
                interval ? r.getIntervalsEstimated() : null,
                held || r.getTotal() == null || r.getState() != PeriodState.COMPLETE ? null : BigDecimal.valueOf(r.getTotal(), 4),
                r.getRegisterStart(), r.getRegisterEnd(), new TreeMap<>(r.getFailurePoints()));
    }

    /** The rows as CSV lines (without the header). */
    public static List<String> summaryLines(List<SummaryRow> rows) {
        String csv = SummaryCsv.render(rows);
        List<String> lines = new ArrayList<>(List.of(csv.split("\n")));
        lines.remove(0);
        return lines;
    }

    /** The digest of what an original carries: the request, built without its summary rows (they are hashed apart). */
    static String dataHash(ReportRequest r) {
        if (!r.getSummaryRows().isEmpty()) {
            throw new IllegalArgumentException("the data hash is of a request without summary rows");
        }
        return Sha256.hex(REQUESTS.get().serializer().serialize(null, r));
    }
}
