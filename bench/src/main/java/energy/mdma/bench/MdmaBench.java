package energy.mdma.bench;

import energy.mdma.events.IntervalBlock;
import energy.mdma.kafka.EventDeserializer;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.kafka.KafkaClientSecurity;
import energy.mdma.events.kafka.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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
 * <li>{@link EndToEndRun} watches, read_committed, mdma.edi.documents (the 867 bytes, read by
 * {@link Edi867Parser}) and mdma.mailbox.events (delivery-service's POSTED: the file is in the mailbox) until every account-period's current
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
    /** meters of the warm-up run (0: none, the default); the same days and periods as the measured run */
    int warmupMeters;
    int days = 25;
    int periodDays = 30;
    boolean daily;
    /**
     * date the history so that its last read date is two days ago, past deadline 1 (a late backfill: delivery raises
     * DATA_MISSING_PAST_DEADLINE for every meter until its 867 is posted); by default it is yesterday, whose deadline 1
     * is the end of today, as for the data a head-end sends the day after the read
     */
    boolean pastDeadline;
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
    /**
     * How many times the passthrough runs (--passthrough-rounds, default 1); the median round is the reference of the
     * ratio. The first round is measured on fresh JVMs, as the end to end is (without --warmup-meters): it varied by a
     * third from bench to bench on this machine (2.7M to 3.9M reads/s on the same code, the broker's and the loop's
     * compilation under way), and a second round right after it ran at 5.7M. So more rounds give a steady reference
     * of warm JVMs: for a warm end to end beside it (--warmup-meters), not for a cold one.
     */
    int passthroughRounds = 1;
    /** 0, or the hops of a chain of raw passthrough loops run after the passthrough (--chain). */
    int chainHops;

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
                    case "--warmup-meters" -> warmupMeters = Integer.parseInt(args[++i]);
                    case "--days" -> days = Integer.parseInt(args[++i]);
                    case "--period-days" -> periodDays = Integer.parseInt(args[++i]);
                    case "--daily" -> daily = true;
                    case "--past-deadline" -> pastDeadline = true;
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
                    case "--chain" -> chainHops = Integer.parseInt(args[++i]);
                    case "--passthrough-rounds" -> passthroughRounds = Integer.parseInt(args[++i]);
                    case "-h", "--help" -> {
                        usage();
                        return false;
                    }
                    default -> throw new IllegalArgumentException("unknown argument: " + a);
                }
            }
            if (meters < 1 || meters > 999_999 || days < 1 || periodDays < 1 || paceSeconds < 0
                    || warmupMeters < 0 || warmupMeters > 999_999 || chainHops < 0 || chainHops > 8
                    || passthroughRounds < 1 || passthroughRounds > 9
                    || (chainHops > 0 && !passthrough)) {
                throw new IllegalArgumentException("--meters must be 1..999999, --warmup-meters 0..999999, --days and "
                        + "--period-days positive, --pace not negative, --chain 0..8 and not with --no-passthrough, "
                        + "--passthrough-rounds 1..9");
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
                usage: ./mdma bench [--meters N] [--days D] [--period-days P] [--daily [--pace S]] [--past-deadline]
                                    [--skip-ingest]
                                    [--warmup-meters W] [--no-passthrough | --passthrough-only] [--chain K]
                                    [--passthrough-rounds R]
                                    [--settle S]
                                    [--timeout S] [--stall S]
                                    [--linger S] [--udc ID] [--esp ID] [--bootstrap HOST:PORT] [--registry URL]
                                    [--run-dir DIR]
                  N one-channel 15-minute meters (default 25000) x D local days (default 25), one block per meter-day
                  (default 60M interval reads: over a minute at 1M reads/s; make it smaller, e.g. --meters 200 --days 10).
                  Read dates every P days (default 30, at most D) from the first day: floor(D/P) periods per meter close.
                  The D days end the day before yesterday, so that the last read date is yesterday (when P divides D):
                  its deadline 1 is the end of today, as for data a head-end sends the day after the read. With
                  --past-deadline they end a day earlier: deadline 1 of the last read date has passed, and delivery
                  raises a DATA_MISSING_PAST_DEADLINE exception for every meter until its 867 is posted (a late
                  backfill; reported, not a failure).
                  Order: the historical burst (each meter's D days in turn, as fast as possible), or --daily: all
                  meters' day 1, then day 2, ... as head-ends send them, S seconds apart (default 0).
                  Blocks go to mdma.headend.readings (through ingest), or with --skip-ingest to mdma.readings.intervals.
                  Measures the time from the first block published to the last file of the final data (no estimate)
                  filed by delivery-service in the UDC's and the ESP's mailbox, checks every account-period's current
                  867 original against the generated values, and fails (exit 1) on a mismatch, a VEE exception or an
                  ingest rejection of the bench's meters, when nothing was filed for S seconds (--stall, 300) or
                  when the end-to-end run takes longer than --timeout (3600 s).
                  --warmup-meters W: first a warm-up, not measured, the same run with W other meters, so that both
                  figures are those of JVMs that have compiled their hot code (default 0: both measured on fresh
                  JVMs, their just-in-time compilation included, as printed).
                  The raw Kafka passthrough runs next, on the idle stack; --passthrough-rounds R (1): R times, the
                  median round the reference (rounds after the first run on warm JVMs: a steady reference for a warm
                  end to end, with --warmup-meters); --settle (10 s) lets the services load the master data.
                  --chain K (1..8): after it, the same blocks through a chain of K such loops, topic to topic: the
                  Kafka work alone of a pipeline of K hops, no logic (the end to end has 4); its rate and its share
                  of the passthrough are the bound on this machine for any pipeline that long.
                  --linger (5 s) keeps watching after the end; --run-dir ($MDMA_HOME/run) holds the pid
                  files whose CPU time is reported. Needs the stack of ./mdma up.""");
    }

    int run() throws Exception {
        LocalDate start = LocalDate.now(BenchData.ZONE).minusDays(days + (pastDeadline ? 2L : 1L));
        data = new BenchData(runId, meters, days, periodDays, start);
        // written as the services write; read with the services' EventDeserializer, which reads each record's value
        // where the consumer fetched it (the 867 files the watch follows are gigabytes)
        @SuppressWarnings({ "unchecked", "rawtypes" })
        Deserializer<SpecificRecord> events = (Deserializer) new EventDeserializer(registry);
        serde = Serdes.serdeFrom(EventSerdes.<SpecificRecord>valueSerde(registry).serializer(), events);
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
        System.out.println("machine: " + CpuTimes.machine());
        boolean warmedUp = warmupMeters > 0 && e2e;
        if (warmedUp) {
            warmUp(start);
        }
        Optional<Passthrough.Result> pt = Optional.empty();
        Optional<Passthrough.Result> chain = Optional.empty();
        if (passthrough) {
            pt = runPassthrough(1, passthroughRounds);
            if (chainHops > 0) {
                chain = runPassthrough(chainHops, 1);
            }
        }
        EndToEndRun.Result e = null;
        if (e2e) {
            System.out.println();
            System.out.println("--- end to end ---");
            if (warmedUp && !passthrough) {
                System.out.println("  " + awaitIdle());
            }
            e = new EndToEndRun(this, data, this::producerProps, this::consumerProps).run();
        }
        report(pt.orElse(null), chain.orElse(null), e);
        return failures.isEmpty() ? 0 : 1;
    }

    /**
     * The raw Kafka passthrough of the generated blocks on the idle stack: one exactly-once loop ({@code hops} 1, the
     * reference of the ratio), or a chain of {@code hops} such loops (--chain); a timeout is a failure of the bench.
     * Run {@code rounds} times, each on the idle stack with topics of its own: the round of the median rate is the
     * result (see {@link #passthroughRounds}).
     */
    private Optional<Passthrough.Result> runPassthrough(int hops, int rounds) throws Exception {
        System.out.println();
        System.out.println(hops == 1 ? "--- raw Kafka passthrough (before the end-to-end load) ---"
                : "--- a chain of " + hops + " raw Kafka hops (the same loop, topic to topic) ---");
        String what = hops == 1 ? "passthrough" : "chain";
        List<Passthrough.Result> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String idle = awaitIdle();
            Optional<Passthrough.Result> result = new Passthrough(data, header, bootstrap, this::producerProps,
                    this::consumerProps, cpu, timeoutSeconds, hops, round).run();
            if (result.isEmpty()) {
                failures.add(hops == 1 ? "the passthrough timed out" : "the chain of raw hops timed out");
                return Optional.empty();
            }
            Passthrough.Result r = result.get();
            results.add(r);
            System.out.printf(Locale.ROOT, "%s%s (%d partitions, %s, %s): all %,d blocks committed downstream after "
                            + "%.1f s = %,.0f interval reads/s%n", what,
                    rounds > 1 ? " round " + round + " of " + rounds : "", r.partitions(),
                    hops == 1 ? "one EOS consume-produce loop" : hops + " EOS consume-produce loops in a row", idle,
                    r.blocks(), r.seconds(), r.readsPerSecond());
        }
        results.sort(Comparator.comparingDouble(Passthrough.Result::readsPerSecond));
        Passthrough.Result median = results.get(results.size() / 2);
        if (rounds > 1) {
            System.out.printf(Locale.ROOT, "%s: the median of %d rounds, %,.0f interval reads/s (from %,.0f to %,.0f), "
                    + "is the reference%n", what, rounds, median.readsPerSecond(), results.get(0).readsPerSecond(),
                    results.get(results.size() - 1).readsPerSecond());
        }
        return Optional.of(median);
    }

    /**
     * The warm-up: an end-to-end run of {@link #warmupMeters} meters of their own (the run id of the second before
     * this run's: other meter, account and cycle ids of the same length, so neither run takes the other's documents
     * or events for its own), checked like the measured run; its problems fail the bench. A fresh JVM runs its code
     * interpreted, then compiled without and with the profile's optimisations: on this machine that compilation took
     * about a third of the stack's CPU over a first run of the default size, and the code is slower meanwhile. A
     * warm-up measures what JVMs that have run a while do, the passthrough's included (its bench JVM is warm too: it
     * gains as much as the services, 3.7-3.9M -> 6.2M reads/s here).
     */
    private void warmUp(LocalDate start) throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "--- warm-up (not measured): %,d meters of their own through the whole stack ---%n",
                warmupMeters);
        String warmupId = Long.toString(Long.parseLong(runId, 36) - 1, 36).toUpperCase(Locale.ROOT);
        BenchData w = new BenchData(warmupId, warmupMeters, days, periodDays, start);
        int before = failures.size();
        EndToEndRun.Result r = new EndToEndRun(this, w, this::producerProps, this::consumerProps).run();
        for (int i = before; i < failures.size(); i++) {
            failures.set(i, "warm-up: " + failures.get(i));
        }
        System.out.printf(Locale.ROOT, "warm-up %s: %,d account-periods final in both mailboxes after %.1f s; CPU of "
                        + "just-in-time compilation during it: %s%n", r.complete() ? "done" : "INCOMPLETE",
                r.accountPeriodsFinal(), r.wallSeconds(), cpuLine(r.cpu().compiler(), r.wallSeconds()));
        if (!r.complete()) {
            failures.add("the warm-up did not complete");
        }
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

    // ------------------------------------------------------------------ report

    private void report(Passthrough.Result pt, Passthrough.Result chain, EndToEndRun.Result e) {
        System.out.println();
        System.out.println("=== result (bench " + runId + ", " + (daily ? "daily" : "historical burst") + ", "
                + String.format(Locale.ROOT, "%,d meters x %d days = %,d interval reads", meters, days, data.reads())
                + ") ===");
        System.out.println("machine: " + CpuTimes.machine() + " (the stack's processes and this bench count in it)");
        if (pt != null) {
            System.out.printf(Locale.ROOT, "raw Kafka passthrough (EOS consume-produce, run before the end-to-end on the idle stack): "
                    + "%,.0f interval reads/s (%.1f s)%n", pt.readsPerSecond(), pt.seconds());
            System.out.println("  CPU seconds during it: " + cpuLine(pt.cpu(), pt.seconds()));
        }
        if (chain != null) {
            System.out.printf(Locale.ROOT, "chain of %d raw Kafka hops (no logic): %,.0f interval reads/s (%.1f s)%s%n",
                    chain.hops(), chain.readsPerSecond(), chain.seconds(), pt == null ? "" : String.format(Locale.ROOT,
                            "; ratio to the passthrough: %.3f (the bound of a pipeline of %d hops on this machine)",
                            chain.readsPerSecond() / pt.readsPerSecond(), chain.hops()));
            System.out.println("  CPU seconds during it: " + cpuLine(chain.cpu(), chain.seconds()));
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
                    + "): " + cpuLine(e.cpu().total(), e.wallSeconds()));
            System.out.println("    of which garbage collection (the JVMs' VM and GC threads): "
                    + cpuLine(e.cpu().collector(), e.wallSeconds()));
            System.out.println("    of which just-in-time compilation (the JVMs' C1 and C2 compiler threads): "
                    + cpuLine(e.cpu().compiler(), e.wallSeconds()));
            System.out.println("  cores used per progress line (" + progressSeconds + " s; the stack and the bench): "
                    + e.timeline().summary(e.wallSeconds()));
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

    /**
     * The broker's credentials for the bench's clients (it feeds the head-end topic, reads results and creates its
     * passthrough topics): SCRAM as MDMA_KAFKA_USERNAME (default admin, the super user) with MDMA_KAFKA_PASSWORD,
     * over MDMA_KAFKA_SECURITY_PROTOCOL (default SASL_SSL) trusting MDMA_KAFKA_TRUSTSTORE; ./mdma bench sets them.
     */
    static Map<String, String> kafkaSecurity() {
        return KafkaClientSecurity.fromEnvironment("admin");
    }

    private Properties producerProps() {
        Properties p = new Properties();
        p.putAll(kafkaSecurity());
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
        p.putAll(kafkaSecurity());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
        return p;
    }
}
