package energy.mdma.bench;

import energy.mdma.bench.Edi867Parser.Edi867FormatException;
import energy.mdma.bench.Edi867Parser.Interchange;
import energy.mdma.bench.Edi867Parser.Transaction;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.DocumentContent;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxAction;
import energy.mdma.events.MailboxFileEvent;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.events.RawUnit;
import energy.mdma.events.RejectedReading;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.Uom;
import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The end-to-end part of the bench: publishes the master data, then the blocks ({@link BlockPublisher}), and
 * watches, read_committed, mdma.edi.documents (whether each 867 of a bench account is estimated, as its ReportRefs
 * say, or scanned by {@link EstimateScan} when they do not; parsed by {@link Edi867Parser} and checked by
 * {@link ContentCheck} once the clock has stopped), mdma.mailbox.events (delivery-service's POSTED: the file is in the mailbox),
 * mdma.vee.exceptions and mdma.readings.rejected, until every account-period's current original is final in both
 * receivers' mailboxes ({@link MailboxTracker}), or the time is up, or nothing happens any more. Prints progress.
 */
final class EndToEndRun {
    private final BenchData data;
    private final String udcId;
    private final String espId;
    private final int settleSeconds;
    private final int timeoutSeconds;
    private final int stallSeconds;
    private final int lingerSeconds;
    private final int progressSeconds;
    private final boolean skipIngest;
    private final boolean daily;
    private final double paceSeconds;
    private final byte[] header;
    private final CpuTimes cpu;
    private final Serde<SpecificRecord> serde;
    private final Supplier<Properties> producerProps;
    private final Supplier<Properties> consumerProps;
    /** where problems that fail the bench are added */
    private final List<String> failures;

    /**
     * @param data the meters, days and values of this run: the bench's own, or those of its warm-up (other meters,
     *             accounts and cycle: the two runs' documents and events are told apart by their prefixes)
     */
    EndToEndRun(MdmaBench b, BenchData data, Supplier<Properties> producerProps, Supplier<Properties> consumerProps) {
        this.data = data;
        this.udcId = b.udcId;
        this.espId = b.espId;
        this.settleSeconds = b.settleSeconds;
        this.timeoutSeconds = b.timeoutSeconds;
        this.stallSeconds = b.stallSeconds;
        this.lingerSeconds = b.lingerSeconds;
        this.progressSeconds = b.progressSeconds;
        this.skipIngest = b.skipIngest;
        this.daily = b.daily;
        this.paceSeconds = b.paceSeconds;
        this.header = b.header;
        this.cpu = b.cpu;
        this.serde = b.serde;
        this.producerProps = producerProps;
        this.consumerProps = consumerProps;
        this.failures = b.failures;
    }

    /** What the end-to-end run measured. */
    record Result(boolean complete, double seconds, Optional<SteadyState.Window> steady, CpuTimes.Usage cpu,
                  double wallSeconds, MailboxTracker tracker, long exceptions, Set<String> exceptionPeriods,
                  long rejections, long reads, int accountPeriodsFinal, double publishSeconds, CpuTimeline timeline) {
    }

    Result run() throws Exception {
        Set<String> expected = new HashSet<>();
        List<Long> readsOfPeriod = new ArrayList<>();
        readsOfPeriod.add(0L);
        for (int k = 1; k <= data.periodsPerMeter(); k++) {
            readsOfPeriod.add(data.readsOfPeriod(k));
            for (int m = 0; m < data.meters; m++) {
                expected.add(MailboxTracker.key(data.account(m), data.readDates.get(k)));
            }
        }
        MailboxTracker tracker = new MailboxTracker(List.of(udcId, espId), expected);
        Watch watch = new Watch(tracker);
        try (KafkaConsumer<String, SpecificRecord> consumer = watchFromEnd(List.of(Topics.EDI_DOCUMENTS,
                Topics.MAILBOX_EVENTS, Topics.VEE_EXCEPTIONS, Topics.READINGS_REJECTED))) {
            Map<TopicPartition, Long> documentsFrom = positions(consumer, Topics.EDI_DOCUMENTS);
            publishMasterData();
            System.out.printf(Locale.ROOT, "published master data (parties %s, %s; %,d meters and channels; cycle %s); "
                    + "waiting %d s for the services to load it%n", udcId, espId, data.meters, data.cycle(),
                    settleSeconds);
            Thread.sleep(settleSeconds * 1000L);

            Properties pp = producerProps.get();
            BlockPublisher publisher = new BlockPublisher(data, header, skipIngest ? Topics.INTERVALS
                    : Topics.HEADEND_READINGS, pp, daily, paceSeconds);
            CpuTimes.Usage cpu0 = cpu.usage();
            long startNanos = System.nanoTime();
            CpuTimeline timeline = new CpuTimeline(Runtime.getRuntime().availableProcessors());
            timeline.add(0, cpu0.total());
            publisher.start("publisher");
            long deadline = startNanos + Duration.ofSeconds(timeoutSeconds).toNanos();
            long lastProgress = startNanos;
            long lastActivity = System.nanoTime();
            long lastSeenChange = 0;
            CpuTimes.Usage cpuUsed = null;
            long endNanos = 0;
            boolean printedPublished = false;
            String stopReason = null;
            while (true) {
                for (ConsumerRecord<String, SpecificRecord> r : consumer.poll(Duration.ofMillis(200))) {
                    watch.handle(r);
                }
                long now = System.nanoTime();
                if (watch.fatal != null) {
                    stopReason = watch.fatal;
                    break;
                }
                if (publisher.failure.get() != null) {
                    stopReason = "publishing the blocks failed: " + publisher.failure.get();
                    break;
                }
                if (publisher.done && !printedPublished) {
                    printedPublished = true;
                    double ps = (publisher.doneMillis - publisher.firstSentMillis) / 1000.0;
                    System.out.printf(Locale.ROOT, "  published all %,d blocks in %.1f s (%,.0f reads/s)%n",
                            publisher.blocks.get(), ps, data.reads() / Math.max(ps, 1e-3));
                }
                if (tracker.lastChange() != lastSeenChange || watch.events != 0) {
                    lastSeenChange = tracker.lastChange();
                    watch.events = 0;
                    lastActivity = now;
                }
                if (publisher.done && cpuUsed == null && tracker.allFinal()) {
                    CpuTimes.Usage atEnd = cpu.usage();
                    cpuUsed = atEnd.since(cpu0);
                    endNanos = now;
                    timeline.add((endNanos - startNanos) / 1e9, atEnd.total());
                    System.out.printf(Locale.ROOT, "  all %,d account-periods final in both mailboxes; watching %d s "
                            + "more%n", expected.size(), lingerSeconds);
                }
                if (cpuUsed != null && now - endNanos > lingerSeconds * 1_000_000_000L) {
                    break;
                }
                if (now > deadline) {
                    stopReason = "TIMEOUT after " + timeoutSeconds + " s (--timeout)";
                    break;
                }
                if (publisher.done && cpuUsed == null && now - lastActivity > stallSeconds * 1_000_000_000L) {
                    stopReason = "STALLED: nothing of the bench's filed for " + stallSeconds + " s (--stall)";
                    break;
                }
                if (now - lastProgress > progressSeconds * 1_000_000_000L) {
                    lastProgress = now;
                    double elapsed = (now - startNanos) / 1e9;
                    progress(publisher, tracker, readsOfPeriod, watch, elapsed,
                            cpuUsed == null ? timeline.add(elapsed, cpu.sample()) : null);
                }
            }
            if (cpuUsed == null) {
                CpuTimes.Usage atEnd = cpu.usage();
                cpuUsed = atEnd.since(cpu0);
                endNanos = System.nanoTime();
                timeline.add((endNanos - startNanos) / 1e9, atEnd.total());
            }
            long checkStarted = System.nanoTime();
            long parsed = checkContent(documentsFrom, positions(consumer, Topics.EDI_DOCUMENTS), tracker, failures);
            System.out.printf(Locale.ROOT, "  content check (after the clock stopped): %,d 867 documents of the bench "
                    + "parsed in full and compared with the generated values in %.1f s%n", parsed,
                    (System.nanoTime() - checkStarted) / 1e9);
            if (stopReason != null) {
                System.out.println("  stopped: " + stopReason);
                failures.add(stopReason);
            }
            if (watch.exceptions > 0) {
                failures.add(watch.exceptions + " VEE exception(s) for the bench's meters, the first " + watch.firstException);
            }
            if (watch.rejections > 0) {
                failures.add(watch.rejections + " block(s) rejected by ingest, the first of " + watch.firstRejection);
            }
            if (!watch.lateDataRaised.isEmpty()) {
                Set<String> open = new HashSet<>(watch.lateDataRaised);
                open.removeAll(watch.lateDataResolved);
                System.out.printf(Locale.ROOT, "  late-data exceptions (%s: the history's read dates are past their "
                        + "deadlines): %,d raised, %,d resolved by the posting, %,d still open when the bench stopped%n",
                        LATE_DATA, watch.lateDataRaised.size(), watch.lateDataRaised.size() - open.size(), open.size());
            }
            long t0 = publisher.firstSentMillis;
            Map<String, Long> done = tracker.completion();
            long[] at = new long[done.size()];
            long[] reads = new long[done.size()];
            int i = 0;
            long last = 0;
            long finalReads = 0;
            for (Map.Entry<String, Long> en : done.entrySet()) {
                at[i] = en.getValue();
                reads[i] = readsOf(en.getKey(), readsOfPeriod);
                finalReads += reads[i];
                last = Math.max(last, at[i]);
                i++;
            }
            boolean complete = stopReason == null && tracker.allFinal();
            double seconds = (last - t0) / 1000.0;
            return new Result(complete, seconds, SteadyState.compute(at, reads, t0, 0.2, 0.8), cpuUsed,
                    (endNanos - startNanos) / 1e9, tracker, watch.exceptions, watch.exceptionPeriods, watch.rejections,
                    finalReads, done.size(), publisher.doneMillis == 0 ? Double.NaN
                            : (publisher.doneMillis - publisher.firstSentMillis) / 1000.0, timeline);
        }
    }

    /** reads of each account-period final so far (the progress line sums them every few seconds) */
    private final Map<String, Long> readsByAccountPeriod = new HashMap<>();

    /** The generated interval reads of an account-period ({@code account|periodEnd}). */
    private long readsOf(String accountPeriod, List<Long> readsOfPeriod) {
        return readsByAccountPeriod.computeIfAbsent(accountPeriod, k -> readsOfPeriod.get(data.periodIndex(
                LocalDate.parse(k.substring(k.indexOf('|') + 1)))));
    }

    private void progress(BlockPublisher publisher, MailboxTracker tracker, List<Long> readsOfPeriod, Watch watch,
                          double elapsed, CpuTimeline.Interval cores) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %5.0f s: published %,d/%,d blocks;", elapsed, publisher.blocks.get(),
                data.blocks()));
        for (MailboxTracker.Receiver r : tracker.receivers()) {
            sb.append(String.format(Locale.ROOT, " %s %,d files, final %,d/%,d;", r.id, r.files,
                    r.finalAccountPeriods, data.accountPeriods()));
        }
        long reads = 0;
        Map<String, Long> done = tracker.completion();
        for (String ap : done.keySet()) {
            reads += readsOf(ap, readsOfPeriod);
        }
        sb.append(String.format(Locale.ROOT, " final in both %,d = %,.0f reads/s", done.size(), reads / elapsed));
        if (cores != null) {
            sb.append("; since the last line ").append(CpuTimeline.describe(cores));
        }
        if (watch.exceptions + watch.rejections > 0) {
            sb.append(String.format(Locale.ROOT, "; VEE exceptions %,d, ingest rejections %,d", watch.exceptions,
                    watch.rejections));
        }
        System.out.println(sb);
    }

    /** The exception delivery raises when a read date passes a deadline without its 867 (operations.md). */
    static final String LATE_DATA = "DATA_MISSING_PAST_DEADLINE";

    /** Handles what the end-to-end run watches. */
    private final class Watch {
        final MailboxTracker tracker;
        long exceptions;
        long rejections;
        /** bench-related records seen since the main loop last looked */
        long events;
        String fatal;
        String firstException;
        String firstRejection;
        final Set<String> exceptionPeriods = new HashSet<>();
        /** DATA_MISSING_PAST_DEADLINE raised and resolved (code|meter|account|period end): reported, not failures */
        final Set<String> lateDataRaised = new HashSet<>();
        final Set<String> lateDataResolved = new HashSet<>();

        Watch(MailboxTracker tracker) {
            this.tracker = tracker;
        }

        void handle(ConsumerRecord<String, SpecificRecord> r) {
            SpecificRecord v = r.value();
            if (v instanceof DocumentPosted d) {
                document(d);
            } else if (v instanceof MailboxFileEvent e && e.getAction() == MailboxAction.POSTED) {
                tracker.filed(e.getFileId(), e.getPartyId(), r.timestamp());
            } else if (v instanceof VeeException x && (startsWith(x.getMeterId(), data.meterPrefix())
                    || startsWith(x.getServiceAccount(), data.accountPrefix()))) {
                events++;
                String key = x.getCode() + "|" + x.getMeterId() + "|" + x.getServiceAccount() + "|" + x.getPeriodEnd();
                if (LATE_DATA.contentEquals(x.getCode())) {
                    // delivery's timeliness tick: a read date of the bench's history passed its deadline before its
                    // 867 was posted (by construction with --past-deadline; otherwise only when the run crosses
                    // midnight in the utility's zone); it resolves itself when posted
                    (x.getResolved() ? lateDataResolved : lateDataRaised).add(key);
                    return;
                }
                if (x.getResolved()) {
                    return; // the data arrived: vee or edi closed an exception counted when it was raised
                }
                exceptions++;
                if (exceptions <= 10) {
                    System.out.printf("  VEE EXCEPTION on %s: %s %s %s period end %s: %s%n", Topics.VEE_EXCEPTIONS,
                            x.getCode(), x.getMeterId(), x.getServiceAccount(), x.getPeriodEnd(), x.getMessage());
                }
                if (x.getServiceAccount() != null && x.getPeriodEnd() != null) {
                    exceptionPeriods.add(MailboxTracker.key(x.getServiceAccount(), x.getPeriodEnd()));
                }
                if (firstException == null) {
                    firstException = x.getCode() + " for " + (x.getMeterId() != null ? x.getMeterId()
                            : x.getServiceAccount()) + " (period end " + x.getPeriodEnd() + ")";
                }
            } else if (v instanceof RejectedReading x && startsWith(x.getMeterId(), data.meterPrefix())) {
                rejections++;
                events++;
                if (rejections <= 10) {
                    System.out.printf("  INGEST REJECTION on %s: %s: %s%n", Topics.READINGS_REJECTED, x.getMeterId(),
                            x.getReason());
                }
                if (firstRejection == null) {
                    firstRejection = x.getMeterId() + ": " + x.getReason();
                }
            }
        }

        private void document(DocumentPosted d) {
            String receiver = d.getReceiverPartyId();
            if (!receiver.equals(udcId) && !receiver.equals(espId)) {
                return;
            }
            if (d.getKind() == MailboxFileKind.SUMMARY) {
                tracker.document(new MailboxTracker.Document(d.getFileId(), receiver, true, null, 0, List.of()));
                return;
            }
            boolean ours = false;
            for (ReportRef ref : d.getReports()) {
                ours |= ref.getServiceAccount().startsWith(data.accountPrefix());
            }
            if (!ours) {
                tracker.document(new MailboxTracker.Document(d.getFileId(), receiver, false, null, 0, List.of()));
                return;
            }
            events++;
            try {
                // while the clock runs: only which sets are estimated, as edi's ReportRefs say (or, from an edi that
                // does not say, a byte scan of the file); the full parse and comparison, which also hold the
                // ReportRefs to the content, run in checkContent() once it has stopped
                boolean[] estimated = estimatedAsPosted(d);
                if (estimated == null) {
                    estimated = EstimateScan.estimatedSets(DocumentContent.file(d));
                }
                long isa13 = d.getInterchangeControlNumber() == null ? -1 : d.getInterchangeControlNumber();
                String time = MailboxTracker.fileTime(d.getFileName(), receiver, isa13);
                tracker.document(new MailboxTracker.Document(d.getFileId(), receiver, false, time, isa13,
                        reports(d, estimated)));
            } catch (Edi867FormatException | IllegalArgumentException e) {
                fatal = "the 867 " + d.getFileName() + " posted to " + receiver + " is not as edi-867.md says: "
                        + e.getMessage();
            }
        }

        /**
         * Per transaction set whether it is estimated, as the document's ReportRefs say (ReportRef.estimated; a
         * cancellation has none), or null when an original does not say: watching the mailboxes then need not
         * decompress and scan the ~5 GB of 867s of a default run on the machine the stack runs on.
         */
        private boolean[] estimatedAsPosted(DocumentPosted d) {
            List<ReportRef> refs = d.getReports();
            boolean[] out = new boolean[refs.size()];
            for (int i = 0; i < out.length; i++) {
                ReportRef ref = refs.get(i);
                if (ref.getPurpose() == ReportPurpose.ORIGINAL) {
                    if (ref.getEstimated() == null) {
                        return null;
                    }
                    out[i] = ref.getEstimated();
                }
            }
            return out;
        }

        /** The bench's transaction sets as the document's ReportRefs say (checked against its content later). */
        private List<MailboxTracker.Report> reports(DocumentPosted d, boolean[] estimated) {
            List<ReportRef> refs = d.getReports();
            if (refs.size() != estimated.length) {
                throw new IllegalArgumentException(refs.size() + " ReportRefs but " + estimated.length
                        + " transaction sets");
            }
            List<MailboxTracker.Report> out = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                ReportRef ref = refs.get(i);
                if (!ref.getServiceAccount().startsWith(data.accountPrefix())) {
                    continue;
                }
                boolean original = ref.getPurpose() == ReportPurpose.ORIGINAL;
                String ap = MailboxTracker.key(ref.getServiceAccount(), ref.getPeriodEnd());
                out.add(new MailboxTracker.Report(i, original, ref.getReportId(),
                        ref.getCancelledReportId() == null ? null : ref.getCancelledReportId(), ap,
                        original && !estimated[i], null));
            }
            return out;
        }
    }

    /**
     * The content check, after the clock has stopped: every document of the watched receivers posted during the run
     * (read again from mdma.edi.documents, from where the watch started to where it stopped) parsed in full: each
     * transaction set must be what its ReportRef says (its account, report ids, purpose and whether it is estimated)
     * and what the byte scan says (estimated or not), and each
     * original of a bench account-period must carry exactly the generated values. What differs is recorded for the
     * report in the tracker (so a current original with a mismatch fails the run).
     *
     * @return documents parsed
     */
    private long checkContent(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, MailboxTracker tracker,
                              List<String> failures) {
        long parsed = 0;
        // documents are compressed on the log (an 867 shrinks ~10x): the watch's 64 MiB fetches would decompress into
        // gigabytes here, so this reader takes a few documents at a time
        Properties props = consumerProps.get();
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "16");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(2 * 1024 * 1024));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024));
        try (KafkaConsumer<String, SpecificRecord> c = new KafkaConsumer<>(props,
                new StringDeserializer(), serde.deserializer())) {
            c.assign(from.keySet());
            from.forEach(c::seek);
            Set<TopicPartition> open = new HashSet<>();
            to.forEach((tp, end) -> {
                if (end > from.get(tp)) {
                    open.add(tp);
                }
            });
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, SpecificRecord> r : c.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= to.get(tp)) {
                        continue;
                    }
                    if (r.value() instanceof DocumentPosted d && d.getKind() == MailboxFileKind.EDI_867
                            && (d.getReceiverPartyId().equals(udcId) || d.getReceiverPartyId().equals(espId))) {
                        if (checkDocument(d, tracker, failures)) {
                            parsed++;
                        }
                    }
                }
                for (TopicPartition tp : new ArrayList<>(open)) {
                    if (c.position(tp) >= to.get(tp)) {
                        open.remove(tp);
                    }
                }
            }
            if (!open.isEmpty()) {
                failures.add("the content check could not read mdma.edi.documents up to where the watch stopped ("
                        + open + ")");
            }
        }
        return parsed;
    }

    /** One document parsed in full and compared; true when it had bench accounts. */
    private boolean checkDocument(DocumentPosted d, MailboxTracker tracker, List<String> failures) {
        boolean ours = false;
        for (ReportRef ref : d.getReports()) {
            ours |= ref.getServiceAccount().startsWith(data.accountPrefix());
        }
        if (!ours) {
            return false;
        }
        String receiver = d.getReceiverPartyId();
        try {
            byte[] file = DocumentContent.file(d);
            Interchange ic = Edi867Parser.parse(file);
            boolean[] scanned = EstimateScan.estimatedSets(file);
            MailboxTracker.fileTime(d.getFileName(), receiver, ic.isa13());
            List<ReportRef> refs = d.getReports();
            if (refs.size() != ic.transactions().size()) {
                throw new IllegalArgumentException(refs.size() + " ReportRefs but " + ic.transactions().size()
                        + " transaction sets");
            }
            for (Transaction t : ic.transactions()) {
                ReportRef ref = refs.get(t.position());
                boolean original = ref.getPurpose() == ReportPurpose.ORIGINAL;
                if (!ref.getServiceAccount().equals(t.serviceAccount()) || !ref.getReportId().equals(t.reportId())
                        || original != t.original() || (!original
                        && !String.valueOf(ref.getCancelledReportId()).equals(t.cancelledReportId()))) {
                    throw new IllegalArgumentException("transaction set " + (t.position() + 1) + " (" + t.reportId()
                            + ") differs from its ReportRef (" + ref.getReportId() + ")");
                }
                if (!t.serviceAccount().startsWith(data.accountPrefix()) || !original) {
                    continue;
                }
                String ap = MailboxTracker.key(t.serviceAccount(), ref.getPeriodEnd());
                int m = data.meterOfAccount(t.serviceAccount());
                int k = data.periodIndex(ref.getPeriodEnd());
                String mismatch = m < 0 || k < 0 ? "report " + t.reportId() + " is for an account-period the bench did "
                        + "not generate: " + ap : ContentCheck.mismatch(t, data.expected(m, k));
                if (mismatch == null && ContentCheck.isFinal(t) == scanned[t.position()]) {
                    mismatch = "report " + t.reportId() + ": the byte scan and the parse disagree on whether it is "
                            + "estimated";
                }
                if (mismatch == null && ref.getEstimated() != null && ContentCheck.isFinal(t) == ref.getEstimated()) {
                    mismatch = "report " + t.reportId() + ": its ReportRef says " + (ref.getEstimated() ? "" : "not ")
                            + "estimated, its content the opposite";
                }
                if (mismatch != null) {
                    tracker.mismatch(receiver, t.reportId(), mismatch);
                }
            }
        } catch (Edi867FormatException | IllegalArgumentException e) {
            failures.add("the 867 " + d.getFileName() + " posted to " + receiver + " is not as edi-867.md says: "
                    + e.getMessage());
        }
        return true;
    }

    private static boolean startsWith(String s, String prefix) {
        return s != null && s.startsWith(prefix);
    }

    private void publishMasterData() {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerProps.get(), new StringSerializer(),
                serde.serializer())) {
            Instant now = Instant.now();
            producer.send(new ProducerRecord<>(Topics.PARTIES, udcId, PartyEvent.newBuilder().setPartyId(udcId)
                    .setRole(PartyRole.UDC).setName("Southern California Edison").setDuns("375040116")
                    .setChangedBy("bench").setChangedAt(now).build()));
            producer.send(new ProducerRecord<>(Topics.PARTIES, espId, PartyEvent.newBuilder().setPartyId(espId)
                    .setRole(PartyRole.ESP).setName("Bench Energy Services").setDuns("958214165")
                    .setChangedBy("bench").setChangedAt(now).build()));
            for (LocalDate r : data.readDates) {
                producer.send(new ProducerRecord<>(Topics.SCHEDULES, data.cycle() + ":" + r,
                        ScheduledReadDate.newBuilder().setReadCycle(data.cycle()).setReadDate(r).build()));
            }
            DecimalValue one = DecimalValue.newBuilder().setUnscaled(1).setScale(0).build();
            for (int m = 0; m < data.meters; m++) {
                String meterId = data.meterId(m);
                producer.send(new ProducerRecord<>(Topics.METERS, meterId, MeterEvent.newBuilder().setMeterId(meterId)
                        .setServiceAccount(data.account(m)).setUdcId(udcId).setEspId(espId)
                        .setCustomerName("Bench customer " + m).setReadCycle(data.cycle())
                        .setIntervalMinutes(BenchData.INTERVAL_MINUTES).setDials(5).setMeterMultiplier(one).build()));
                producer.send(new ProducerRecord<>(Topics.CHANNELS, Topics.channelKey(meterId, BenchData.CHANNEL),
                        ChannelEvent.newBuilder().setMeterId(meterId).setChannel(BenchData.CHANNEL).setUom(Uom.KWH)
                                .setRawUnit(RawUnit.UNIT).setPulseMultiplier(one).setMaxPulsesPerInterval(0).build()));
            }
            producer.flush();
        }
    }

    /** A read_committed consumer of all partitions of {@code topics}, positioned at their ends. */
    private static Map<TopicPartition, Long> positions(KafkaConsumer<?, ?> c, String topic) {
        Map<TopicPartition, Long> out = new java.util.HashMap<>();
        for (TopicPartition tp : c.assignment()) {
            if (tp.topic().equals(topic)) {
                out.put(tp, c.position(tp));
            }
        }
        return out;
    }

    private KafkaConsumer<String, SpecificRecord> watchFromEnd(List<String> topics) {
        // the 867 files are megabytes each once decompressed: a poll of Kafka's default 500 could hold a gigabyte,
        // and the bench's own garbage collection would take the services' CPU while the clock runs
        Properties props = consumerProps.get();
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "32");
        KafkaConsumer<String, SpecificRecord> c = new KafkaConsumer<>(props, new StringDeserializer(),
                serde.deserializer());
        List<TopicPartition> tps = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo i : c.partitionsFor(topic)) {
                tps.add(new TopicPartition(topic, i.partition()));
            }
        }
        c.assign(tps);
        c.seekToEnd(tps);
        tps.forEach(c::position);
        return c;
    }
}
