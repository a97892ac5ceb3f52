package energy.mdma.bench;

import energy.mdma.bench.Edi867Parser.Edi867FormatException;
import energy.mdma.bench.Edi867Parser.Interchange;
import energy.mdma.bench.Edi867Parser.Transaction;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.IntervalBlock;
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
import energy.mdma.events.kafka.EventSerdes;
import energy.mdma.events.kafka.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;

/**
 * {@code ./mdma bench}: end-to-end throughput of the running stack, from the first head-end block published to
 * the last file of the final data filed in both receivers' mailboxes, beside a raw Kafka passthrough of the same
 * blocks on the same machine; and a check of what the mailboxes hold.
 *
 * <ol>
 * <li>The passthrough runs first, once the stack is idle (its services' CPU checked): see {@link Passthrough}.</li>
 * <li>Master data: the UDC and an ESP, {@code meters} one-channel 15-minute meters with one service account each,
 * a read cycle whose periods close within the generated days; then a few seconds for the services' tables.</li>
 * <li>One IntervalBlock per meter and day ({@link BenchData}, generated as it is sent) to mdma.headend.readings,
 * where ingest checks and forwards it (or with {@code --skip-ingest} straight to mdma.readings.intervals): the
 * historical burst (each meter's days in turn) or {@code --daily} (all meters' day 1, then day 2, ...).</li>
 * <li>Watches, read_committed, mdma.edi.documents (the 867 bytes, read by {@link Edi867Parser}) and
 * mdma.mailbox.events (delivery-service's POSTED: the file is in the mailbox) until every account-period's current
 * original in the UDC's and the ESP's mailbox is final (no estimated quantity); checks it against the generated
 * values ({@link ContentCheck}); and fails on any VEE exception or ingest rejection of the bench's meters.</li>
 * </ol>
 * Prints the whole-run and steady-state rates, the CPU seconds of each component during the run, and the ratio
 * to the passthrough. Exits 1 when anything failed.
 */
public final class MdmaBench {
    /**
     * The Apicurio client warns "Using a deprecated version (2.x) of Apicurio Registry" (java.util.logging, logger
     * named after the class's simple name) each time a serde makes a registry client. Held here so that the level
     * set on it stays (the logging framework keeps loggers weakly).
     */
    private static final java.util.logging.Logger APICURIO_DEPRECATION =
            java.util.logging.Logger.getLogger("RegistryClientFacadeFactory");

    // options
    int meters = 25_000;
    int days = 25;
    int periodDays = 30;
    boolean daily;
    double paceSeconds;
    boolean skipIngest;
    String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    String registry = System.getenv().getOrDefault("APICURIO_REGISTRY_URL", "http://localhost:8081/apis/registry/v2");
    Path runDir = System.getenv("MDMA_HOME") == null ? null : Path.of(System.getenv("MDMA_HOME"), "run");
    String udcId = "SCE";
    String espId = "ESPBENCH";
    int settleSeconds = 10;
    int timeoutSeconds = 3600;
    int stallSeconds = 300;
    int lingerSeconds = 5;
    int progressSeconds = 5;
    boolean e2e = true;
    boolean passthrough = true;

    // state
    final String runId = Long.toString(System.currentTimeMillis() / 1000, 36).toUpperCase(Locale.ROOT);
    BenchData data;
    Serde<SpecificRecord> serde;
    byte[] header;
    CpuTimes cpu;
    final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        // the clients' INFO lines would bury the figures (slf4j-simple; -Dorg.slf4j.simpleLogger.defaultLogLevel=info)
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        APICURIO_DEPRECATION.setLevel(Level.SEVERE);
        MdmaBench b = new MdmaBench();
        if (!b.parse(args)) {
            return;
        }
        int rc;
        try {
            rc = b.run();
        } catch (Exception e) {
            System.out.println("RESULT: FAILED - " + e);
            e.printStackTrace(System.out);
            rc = 1;
        }
        System.exit(rc);
    }

    private boolean parse(String[] args) {
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--meters" -> meters = Integer.parseInt(args[++i]);
                    case "--days" -> days = Integer.parseInt(args[++i]);
                    case "--period-days" -> periodDays = Integer.parseInt(args[++i]);
                    case "--daily" -> daily = true;
                    case "--pace" -> paceSeconds = Double.parseDouble(args[++i]);
                    case "--skip-ingest" -> skipIngest = true;
                    case "--bootstrap" -> bootstrap = args[++i];
                    case "--registry" -> registry = args[++i];
                    case "--run-dir" -> runDir = Path.of(args[++i]);
                    case "--udc" -> udcId = args[++i];
                    case "--esp" -> espId = args[++i];
                    case "--settle" -> settleSeconds = Integer.parseInt(args[++i]);
                    case "--timeout" -> timeoutSeconds = Integer.parseInt(args[++i]);
                    case "--stall" -> stallSeconds = Integer.parseInt(args[++i]);
                    case "--linger" -> lingerSeconds = Integer.parseInt(args[++i]);
                    case "--no-passthrough" -> passthrough = false;
                    case "--passthrough-only" -> e2e = false;
                    case "-h", "--help" -> {
                        usage();
                        return false;
                    }
                    default -> throw new IllegalArgumentException("unknown argument: " + a);
                }
            }
            if (meters < 1 || meters > 999_999 || days < 1 || periodDays < 1 || paceSeconds < 0) {
                throw new IllegalArgumentException("--meters must be 1..999999, --days and --period-days positive, "
                        + "--pace not negative");
            }
            if (paceSeconds > 0 && !daily) {
                throw new IllegalArgumentException("--pace applies to --daily only");
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            System.err.println("./mdma bench: " + (e instanceof ArrayIndexOutOfBoundsException
                    ? "an option lacks its value" : e.getMessage()));
            usage();
            System.exit(2);
        }
        return true;
    }

    private static void usage() {
        System.out.println("""
                usage: ./mdma bench [--meters N] [--days D] [--period-days P] [--daily [--pace S]] [--skip-ingest]
                                    [--no-passthrough | --passthrough-only] [--settle S] [--timeout S] [--stall S]
                                    [--linger S] [--udc ID] [--esp ID] [--bootstrap HOST:PORT] [--registry URL]
                                    [--run-dir DIR]
                  N one-channel 15-minute meters (default 25000) x D local days (default 25), one block per meter-day
                  (default 60M interval reads: over a minute at 1M reads/s; make it smaller, e.g. --meters 200 --days 10).
                  Read dates every P days (default 30, at most D) from the first day: floor(D/P) periods per meter close.
                  Order: the historical burst (each meter's D days in turn, as fast as possible), or --daily: all
                  meters' day 1, then day 2, ... as head-ends send them, S seconds apart (default 0).
                  Blocks go to mdma.headend.readings (through ingest), or with --skip-ingest to mdma.readings.intervals.
                  Measures the time from the first block published to the last file of the final data (no estimate)
                  filed by delivery-service in the UDC's and the ESP's mailbox, checks every account-period's current
                  867 original against the generated values, and fails (exit 1) on a mismatch, a VEE exception or an
                  ingest rejection of the bench's meters, or when nothing was filed for S seconds (--stall, 300).
                  The raw Kafka passthrough runs first, on the idle stack; --settle (10 s) lets the services load the
                  master data; --linger (5 s) keeps watching after the end; --run-dir ($MDMA_HOME/run) holds the pid
                  files whose CPU time is reported. Needs the stack of ./mdma up.""");
    }

    int run() throws Exception {
        LocalDate start = LocalDate.now(BenchData.ZONE).minusDays(days + 2L);
        data = new BenchData(runId, meters, days, periodDays, start);
        serde = EventSerdes.valueSerde(registry);
        cpu = new CpuTimes(runDir, CpuTimes.clockTicks());
        System.out.printf(Locale.ROOT, "bench %s: %s, %,d meters x %d days = %,d blocks, %,d interval reads; %,d "
                        + "account-period(s) (%d per meter, %s .. %s); receivers %s (UDC) and %s (ESP); blocks to %s%n",
                runId, daily ? "daily (all meters' day 1, then day 2, ..."
                        + (paceSeconds > 0 ? ", " + paceSeconds + " s apart" : "") + ")"
                        : "historical burst (each meter's days in turn)",
                meters, days, data.blocks(), data.reads(), data.accountPeriods(), data.periodsPerMeter(),
                data.readDates.get(0), data.readDates.get(data.readDates.size() - 1), udcId, espId,
                skipIngest ? Topics.INTERVALS + " (skipping ingest)" : Topics.HEADEND_READINGS + " (through ingest)");
        if (data.periodsPerMeter() < 1) {
            throw new IllegalArgumentException("no read period closes within the generated days");
        }
        header = registryHeader();
        Optional<Passthrough.Result> pt = Optional.empty();
        if (passthrough) {
            System.out.println();
            System.out.println("--- raw Kafka passthrough (first, before the end-to-end load) ---");
            String idle = awaitIdle();
            pt = new Passthrough(data, header, bootstrap, this::producerProps, this::consumerProps, cpu,
                    timeoutSeconds).run();
            pt.ifPresent(r -> System.out.printf(Locale.ROOT, "passthrough (%d partitions, one EOS consume-produce loop, "
                            + "%s): all %,d blocks committed downstream after %.1f s = %,.0f interval reads/s%n",
                    r.partitions(), idle, r.blocks(), r.seconds(), r.readsPerSecond()));
            if (pt.isEmpty()) {
                failures.add("the passthrough timed out");
            }
        }
        EndToEnd e = null;
        if (e2e) {
            System.out.println();
            System.out.println("--- end to end ---");
            e = endToEnd();
        }
        report(pt.orElse(null), e);
        return failures.isEmpty() ? 0 : 1;
    }

    /** The registry header of IntervalBlock, and a check that the bench's own encoding equals the serializer's. */
    private byte[] registryHeader() {
        IntervalBlock block = data.blockRecord(0, 0, 0, 1_000L);
        RecordHeaders h = new RecordHeaders();
        byte[] viaRegistry = serde.serializer().serialize(Topics.HEADEND_READINGS, h, block);
        byte[] head = Arrays.copyOf(viaRegistry, 5);
        byte[] mine = data.block(head, 0, 0, 0, 1_000L);
        if (h.toArray().length != 0 || viaRegistry[0] != 0 || !Arrays.equals(viaRegistry, mine)) {
            throw new IllegalStateException("the bench's block encoding differs from the registry serializer's");
        }
        // the generator's own speed (after a short warm-up): it runs on the publishing thread
        long n = 0;
        long bytes = 0;
        long warm = System.nanoTime() + 300_000_000L;
        long t0 = 0;
        for (long i = 0; ; i++) {
            long now = System.nanoTime();
            if (t0 == 0 && now > warm) {
                t0 = now;
                n = 0;
                bytes = 0;
            } else if (t0 != 0 && now - t0 > 1_000_000_000L) {
                break;
            }
            int[] md = data.blockAt(i % data.blocks(), daily);
            bytes += data.block(head, md[0], md[1], i, 1_000L).length + data.key(md[0]).length;
            n++;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "generator (blocks made as they are sent, encoding checked against the registry "
                + "serializer): %,.0f blocks/s = %,.0f reads/s on one thread, %d bytes a block%n", n / s,
                n / s * data.reads() / data.blocks(), bytes / n);
        return head;
    }

    /**
     * Waits (up to 2 minutes) until the services use less than 15% of a core together over 3 s; says how idle the
     * stack was.
     */
    private String awaitIdle() throws InterruptedException {
        if (runDir == null || !Files.isDirectory(runDir)) {
            return "stack idleness not checked: no $MDMA_HOME/run";
        }
        long until = System.nanoTime() + 120_000_000_000L;
        double busy;
        do {
            Map<String, Double> a = cpu.sample();
            Thread.sleep(3000);
            Map<String, Double> used = CpuTimes.used(a, cpu.sample());
            busy = 0;
            for (String s : List.of("ingest", "vee", "edi", "delivery")) {
                busy += used.getOrDefault(s, 0.0);
            }
            busy /= 3.0;
            if (busy < 0.15) {
                return String.format(Locale.ROOT, "stack idle: its services used %.0f%% of a core just before", busy * 100);
            }
            System.out.printf(Locale.ROOT, "  waiting for the stack to be idle: its services use %.0f%% of a core%n",
                    busy * 100);
        } while (System.nanoTime() < until);
        String msg = String.format(Locale.ROOT, "stack NOT idle: its services used %.0f%% of a core", busy * 100);
        System.out.println("WARNING: " + msg + " (still draining an earlier run?); the passthrough figure is low");
        return msg;
    }

    // ------------------------------------------------------------------ end to end

    /** What the end-to-end run measured. */
    record EndToEnd(boolean complete, double seconds, Optional<SteadyState.Window> steady, Map<String, Double> cpu,
                    double wallSeconds, MailboxTracker tracker, long exceptions, Set<String> exceptionPeriods,
                    long rejections, long reads, int accountPeriodsFinal, double publishSeconds) {
    }

    private EndToEnd endToEnd() throws Exception {
        Set<String> expected = new HashSet<>();
        List<Long> readsOfPeriod = new ArrayList<>();
        readsOfPeriod.add(0L);
        for (int k = 1; k <= data.periodsPerMeter(); k++) {
            readsOfPeriod.add(data.readsOfPeriod(k));
            for (int m = 0; m < meters; m++) {
                expected.add(MailboxTracker.key(data.account(m), data.readDates.get(k)));
            }
        }
        MailboxTracker tracker = new MailboxTracker(List.of(udcId, espId), expected);
        Watch watch = new Watch(tracker);
        try (KafkaConsumer<String, SpecificRecord> consumer = watchFromEnd(List.of(Topics.EDI_DOCUMENTS,
                Topics.MAILBOX_EVENTS, Topics.VEE_EXCEPTIONS, Topics.READINGS_REJECTED))) {
            publishMasterData();
            System.out.printf(Locale.ROOT, "published master data (parties %s, %s; %,d meters and channels; cycle %s); "
                    + "waiting %d s for the services to load it%n", udcId, espId, meters, data.cycle(), settleSeconds);
            Thread.sleep(settleSeconds * 1000L);

            Properties pp = producerProps();
            BlockPublisher publisher = new BlockPublisher(data, header, skipIngest ? Topics.INTERVALS
                    : Topics.HEADEND_READINGS, pp, daily, paceSeconds);
            Map<String, Double> cpu0 = cpu.sample();
            long startNanos = System.nanoTime();
            publisher.start("publisher");
            long deadline = startNanos + Duration.ofSeconds(timeoutSeconds).toNanos();
            long lastProgress = startNanos;
            long lastActivity = System.nanoTime();
            long lastSeenChange = 0;
            Map<String, Double> cpuUsed = null;
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
                    cpuUsed = CpuTimes.used(cpu0, cpu.sample());
                    endNanos = now;
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
                    progress(publisher, tracker, readsOfPeriod, watch, (now - startNanos) / 1e9);
                }
            }
            if (cpuUsed == null) {
                cpuUsed = CpuTimes.used(cpu0, cpu.sample());
                endNanos = System.nanoTime();
            }
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
            long t0 = publisher.firstSentMillis;
            Map<String, Long> done = tracker.completion();
            long[] at = new long[done.size()];
            long[] reads = new long[done.size()];
            int i = 0;
            long last = 0;
            long finalReads = 0;
            for (Map.Entry<String, Long> en : done.entrySet()) {
                at[i] = en.getValue();
                LocalDate end = LocalDate.parse(en.getKey().substring(en.getKey().indexOf('|') + 1));
                reads[i] = readsOfPeriod.get(data.periodIndex(end));
                finalReads += reads[i];
                last = Math.max(last, at[i]);
                i++;
            }
            boolean complete = stopReason == null && tracker.allFinal();
            double seconds = (last - t0) / 1000.0;
            return new EndToEnd(complete, seconds, SteadyState.compute(at, reads, t0, 0.2, 0.8), cpuUsed,
                    (endNanos - startNanos) / 1e9, tracker, watch.exceptions, watch.exceptionPeriods, watch.rejections,
                    finalReads,
                    done.size(), publisher.doneMillis == 0 ? Double.NaN
                            : (publisher.doneMillis - publisher.firstSentMillis) / 1000.0);
        }
    }

    private void progress(BlockPublisher publisher, MailboxTracker tracker, List<Long> readsOfPeriod, Watch watch,
                          double elapsed) {
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
            reads += readsOfPeriod.get(data.periodIndex(LocalDate.parse(ap.substring(ap.indexOf('|') + 1))));
        }
        sb.append(String.format(Locale.ROOT, " final in both %,d = %,.0f reads/s", done.size(), reads / elapsed));
        if (watch.exceptions + watch.rejections > 0) {
            sb.append(String.format(Locale.ROOT, "; VEE exceptions %,d, ingest rejections %,d", watch.exceptions,
                    watch.rejections));
        }
        System.out.println(sb);
    }

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
                exceptions++;
                events++;
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
                Interchange ic = Edi867Parser.parse(bytes(d.getContent()));
                String time = MailboxTracker.fileTime(d.getFileName(), receiver, ic.isa13());
                tracker.document(new MailboxTracker.Document(d.getFileId(), receiver, false, time, ic.isa13(),
                        reports(d, ic)));
            } catch (Edi867FormatException | IllegalArgumentException e) {
                fatal = "the 867 " + d.getFileName() + " posted to " + receiver + " is not as edi-867.md says: "
                        + e.getMessage();
            }
        }

        /** The bench's transaction sets, checked against the document's ReportRefs and the generated values. */
        private List<MailboxTracker.Report> reports(DocumentPosted d, Interchange ic) {
            List<ReportRef> refs = d.getReports();
            if (refs.size() != ic.transactions().size()) {
                throw new IllegalArgumentException(refs.size() + " ReportRefs but " + ic.transactions().size()
                        + " transaction sets");
            }
            List<MailboxTracker.Report> out = new ArrayList<>();
            for (Transaction t : ic.transactions()) {
                ReportRef ref = refs.get(t.position());
                boolean original = ref.getPurpose() == ReportPurpose.ORIGINAL;
                if (!ref.getServiceAccount().equals(t.serviceAccount()) || !ref.getReportId().equals(t.reportId())
                        || original != t.original() || (!original
                        && !String.valueOf(ref.getCancelledReportId()).equals(t.cancelledReportId()))) {
                    throw new IllegalArgumentException("transaction set " + (t.position() + 1) + " (" + t.reportId()
                            + ") differs from its ReportRef (" + ref.getReportId() + ")");
                }
                if (!t.serviceAccount().startsWith(data.accountPrefix())) {
                    continue;
                }
                String ap = MailboxTracker.key(t.serviceAccount(), ref.getPeriodEnd());
                String mismatch = null;
                if (original) {
                    int m = data.meterOfAccount(t.serviceAccount());
                    int k = data.periodIndex(ref.getPeriodEnd());
                    mismatch = m < 0 || k < 0 ? "report " + t.reportId() + " is for an account-period the bench did "
                            + "not generate: " + ap : ContentCheck.mismatch(t, data.expected(m, k));
                }
                out.add(new MailboxTracker.Report(t.position(), original, t.reportId(), t.cancelledReportId(), ap,
                        ContentCheck.isFinal(t), mismatch));
            }
            return out;
        }
    }

    private static boolean startsWith(String s, String prefix) {
        return s != null && s.startsWith(prefix);
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer dup = b.duplicate();
        byte[] out = new byte[dup.remaining()];
        dup.get(out);
        return out;
    }

    private void publishMasterData() {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
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
            for (int m = 0; m < meters; m++) {
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
    private KafkaConsumer<String, SpecificRecord> watchFromEnd(List<String> topics) {
        KafkaConsumer<String, SpecificRecord> c = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
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

    // ------------------------------------------------------------------ report

    private void report(Passthrough.Result pt, EndToEnd e) {
        System.out.println();
        System.out.println("=== result (bench " + runId + ", " + (daily ? "daily" : "historical burst") + ", "
                + String.format(Locale.ROOT, "%,d meters x %d days = %,d interval reads", meters, days, data.reads())
                + ") ===");
        if (pt != null) {
            System.out.printf(Locale.ROOT, "raw Kafka passthrough (EOS consume-produce, run first on the idle stack): "
                    + "%,.0f interval reads/s (%.1f s)%n", pt.readsPerSecond(), pt.seconds());
            System.out.println("  CPU seconds during it: " + cpuLine(pt.cpu(), pt.seconds()));
        }
        if (e != null) {
            if (e.complete()) {
                System.out.printf(Locale.ROOT, "end to end (first block published -> last file of the final data filed "
                                + "in both mailboxes): %.1f s = %,.0f interval reads/s%n", e.seconds(),
                        data.reads() / e.seconds());
            } else {
                System.out.printf(Locale.ROOT, "end to end: INCOMPLETE - %,d of %,d account-periods final in both "
                        + "mailboxes (%,d reads) after %.1f s%n", e.accountPeriodsFinal(), data.accountPeriods(),
                        e.reads(), e.wallSeconds());
            }
            if (e.steady().isPresent()) {
                SteadyState.Window w = e.steady().get();
                System.out.printf(Locale.ROOT, "steady state (account-periods 20%%..80%% final, %.1f s .. %.1f s): "
                        + "%,.0f interval reads/s%s%n", w.fromSeconds(), w.toSeconds(), w.readsPerSecond(),
                        w.toSeconds() - w.fromSeconds() < 10 ? " (a window under 10 s: a few posting rounds; run "
                                + "bigger for a figure that means something)" : "");
            } else {
                System.out.println("steady state: n/a (too few account-periods, or the middle 60% were filed at once)");
            }
            System.out.printf(Locale.ROOT, "  blocks published in %.1f s%n", e.publishSeconds());
            for (MailboxTracker.Receiver r : e.tracker().receivers()) {
                System.out.printf(Locale.ROOT, "  %-9s %,d 867 files: %,d originals (%,d of them interim, with "
                                + "estimates), %,d cancellations; %,d summaries; final %,d/%,d account-periods%n", r.id,
                        r.files, r.originals, r.interimOriginals, r.cancellations, r.summaries,
                        r.finalAccountPeriods, data.accountPeriods());
            }
            System.out.println("  CPU seconds during the run (" + String.format(Locale.ROOT, "%.1f s", e.wallSeconds())
                    + "): " + cpuLine(e.cpu(), e.wallSeconds()));
            long[] n = new long[1];
            List<String> problems = e.tracker().problems(10, n);
            if (n[0] == 0) {
                System.out.printf(Locale.ROOT, "content: OK - in both mailboxes every one of the %,d account-periods' "
                        + "current original is final and equals the generated values and sums%n", data.accountPeriods());
            } else {
                System.out.printf(Locale.ROOT, "CONTENT MISMATCH: %,d (receiver, account-period) not as generated:%n",
                        n[0]);
                problems.forEach(p -> System.out.println("  " + p));
                failures.add(n[0] + " account-period(s) not as generated in the mailboxes");
            }
            System.out.printf(Locale.ROOT, "VEE exceptions for the bench's meters: %,d; ingest rejections: %,d%n",
                    e.exceptions(), e.rejections());
            if (e.exceptions() > 0) {
                long healed = e.exceptionPeriods().stream().filter(ap -> e.tracker().isCorrect(ap)).count();
                System.out.printf(Locale.ROOT, "  the exceptions concern %,d account-period(s); %,d of them ended final "
                        + "and as generated in both mailboxes (raised while their data was still arriving)%n",
                        e.exceptionPeriods().size(), healed);
            }
            if (pt != null && e.complete()) {
                System.out.printf(Locale.ROOT, "ratio end to end / passthrough: %.3f (steady state: %s)%n",
                        data.reads() / e.seconds() / pt.readsPerSecond(), e.steady().map(w -> String.format(
                                Locale.ROOT, "%.3f", w.readsPerSecond() / pt.readsPerSecond())).orElse("n/a"));
            }
        }
        if (failures.isEmpty()) {
            System.out.println("RESULT: OK");
        } else {
            System.out.println("RESULT: FAILED - " + failures.size() + " problem(s), first: " + failures.get(0));
        }
    }

    private static String cpuLine(Map<String, Double> used, double wallSeconds) {
        StringBuilder sb = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Double> en : used.entrySet()) {
            sb.append(String.format(Locale.ROOT, "%s %.1f, ", en.getKey(), en.getValue()));
            total += en.getValue();
        }
        sb.append(String.format(Locale.ROOT, "total %.1f (%.2f cores on average)", total, total / wallSeconds));
        return sb.toString();
    }

    // ------------------------------------------------------------------ clients

    private Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        return p;
    }

    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
        return p;
    }
}
