package energy.mdma.delivery.bench;

import energy.mdma.delivery.archive.StoredArchiveIndex;
import energy.mdma.delivery.kafka.MailboxProjection;
import energy.mdma.delivery.kafka.ProjectionState;
import energy.mdma.delivery.mailbox.FileContentStore;
import energy.mdma.delivery.mailbox.FilesystemContentStore;
import energy.mdma.delivery.mailbox.MailboxEventSink;
import energy.mdma.delivery.mailbox.StoredMailboxStore;
import energy.mdma.delivery.notice.NoticeView;
import energy.mdma.delivery.store.ViewStore;
import energy.mdma.delivery.timeliness.TimelinessFeed;
import energy.mdma.delivery.timeliness.TimelinessMetrics;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.Sha256;
import energy.mdma.events.kafka.Topics;
import energy.mdma.timeliness.TimelinessConfig;
import energy.mdma.timeliness.TimelinessService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Not a test: what delivery-service's views' thread spends per DocumentPosted shaped like {@code ./mdma bench}'s
 * (an 867 of about 2 MB holding ~21 account-periods of one meter each, posted to the UDC and to the ESP), through
 * the two consumers of the record: the {@link MailboxProjection} (bytes into a real content store, the mailbox,
 * archive index and projection state in a real views' store, one store batch per record as a poll of one 2 MB
 * record gives) and the {@link TimelinessFeed} (25,000 meters of one cycle, the read date inside the tallied
 * window, i.e. after a first tick). Prints CPU time (ThreadMXBean) and bytes allocated per document of each.
 *
 * <p>Run: {@code ./mdma benchmark DocumentPostedBenchmark [-Dmeters=25000] [-Dreports=21] [-DfileKb=2048]
 * [-Ddocs=200] [-Drounds=5]}: each round posts {@code docs} new documents (half to each receiver); the first round is
 * the warm-up.
 */
public final class DocumentPostedBenchmark {

    private static final String UDC = "SCE";
    private static final String ESP = "ESP1";
    private static final String CYCLE = "C01";

    public static void main(String[] args) throws Exception {
        int meters = Integer.getInteger("meters", 25_000);
        int reportsPerFile = Integer.getInteger("reports", 21);
        int fileBytes = Integer.getInteger("fileKb", 2048) * 1024;
        int docs = Integer.getInteger("docs", 200);
        int rounds = Integer.getInteger("rounds", 5);

        ZoneId zone = ZoneId.of("America/Los_Angeles");
        LocalDate readDate = LocalDate.now(zone).minusDays(1);
        Clock clock = Clock.fixed(readDate.plusDays(1).atTime(12, 0).atZone(zone).toInstant(), zone);
        Path dir = Files.createTempDirectory("mdma-posted-bench");

        TimelinessService service = new TimelinessService(TimelinessConfig.defaults(), clock);
        TimelinessFeed feed = new TimelinessFeed(service, (topic, key, value) -> {
        }, new NoticeView(clock), new TimelinessMetrics(new SimpleMeterRegistry()), Duration.ofMinutes(1), 120);
        long offset = 0;
        for (LocalDate r : List.of(readDate.minusDays(25), readDate)) {
            feed.handle(new ConsumerRecord<>(Topics.SCHEDULES, 0, offset++, CYCLE + ":" + r,
                    ScheduledReadDate.newBuilder().setReadCycle(CYCLE).setReadDate(r).build()));
        }
        DecimalValue one = DecimalValue.newBuilder().setUnscaled(1).setScale(0).build();
        for (int m = 0; m < meters; m++) {
            feed.handle(new ConsumerRecord<>(Topics.METERS, 0, offset++, meterId(m), MeterEvent.newBuilder()
                    .setMeterId(meterId(m)).setServiceAccount(account(m)).setUdcId(UDC).setEspId(ESP)
                    .setCustomerName("Bench customer " + m).setReadCycle(CYCLE).setIntervalMinutes(15).setDials(5)
                    .setMeterMultiplier(one).build()));
        }
        feed.tick(); // the read date is tallied from now on, as in the running service

        ViewStore db = ViewStore.open(dir.resolve("views"));
        TimedContent content = new TimedContent(new FilesystemContentStore(dir.resolve("files")));
        StoredMailboxStore store = new StoredMailboxStore(db, content, MailboxEventSink.NONE, clock);
        MailboxProjection projection = new MailboxProjection(store, content, new StoredArchiveIndex(db), null, e -> {
        }, clock, Period.ofYears(3), ProjectionState.stored(db));
        projection.goLive();

        byte[] filler = "QTY*QD*1.234~MEA**PRQ*1~DTM*582*20251231*2400*PT~".repeat(fileBytes / 48 + 1)
                .substring(0, fileBytes).getBytes(StandardCharsets.US_ASCII);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int meter = 0;
        int file = 0;
        for (int round = 0; round < rounds; round++) {
            List<DocumentPosted> batch = new ArrayList<>(docs);
            for (int i = 0; i < docs; i += 2) {
                int first = meter;
                meter = (meter + reportsPerFile) % meters;
                file++;
                for (String receiver : List.of(UDC, ESP)) {
                    batch.add(document(receiver, file, first, reportsPerFile, meters, readDate, filler, clock));
                }
            }
            long projectionCpu = 0;
            long projectionBytes = 0;
            long feedCpu = 0;
            long feedBytes = 0;
            content.cpu = 0;
            for (DocumentPosted d : batch) {
                ConsumerRecord<String, Object> r = new ConsumerRecord<>(Topics.EDI_DOCUMENTS, 0, offset++,
                        d.getReceiverPartyId(), d);
                long c0 = threads.getCurrentThreadCpuTime();
                long a0 = threads.getThreadAllocatedBytes(thread);
                feed.handle(r);
                long c1 = threads.getCurrentThreadCpuTime();
                long a1 = threads.getThreadAllocatedBytes(thread);
                db.begin();
                projection.handle(r, true);
                db.commit(Map.of(new TopicPartition(Topics.EDI_DOCUMENTS, 0), offset));
                long c2 = threads.getCurrentThreadCpuTime();
                long a2 = threads.getThreadAllocatedBytes(thread);
                feedCpu += c1 - c0;
                feedBytes += a1 - a0;
                projectionCpu += c2 - c1;
                projectionBytes += a2 - a1;
            }
            System.out.printf("%s round %d, %d documents of %,d bytes x %d reports: projection %.1f us CPU (content "
                            + "store %.1f), %,d bytes allocated per document; timeliness feed %.1f us CPU, %,d bytes "
                            + "per document%n",
                    round == 0 ? "warm-up" : "measured", round, batch.size(), fileBytes, reportsPerFile,
                    projectionCpu / 1e3 / batch.size(), content.cpu / 1e3 / batch.size(),
                    projectionBytes / batch.size(),
                    feedCpu / 1e3 / batch.size(), feedBytes / batch.size());
            deleteTree(dir.resolve("files")); // bounds the disk used; the store keeps the mailbox entries
        }
        if (service.metAt(meterId(0), readDate).isEmpty()) {
            throw new IllegalStateException("the UDC's postings did not meet meter 0's obligation");
        }
        db.close();
        deleteTree(dir);
    }

    private static DocumentPosted document(String receiver, int file, int firstMeter, int reports, int meters,
                                           LocalDate readDate, byte[] filler, Clock clock) {
        String fileId = receiver + "-867-" + String.format("%09d", file);
        byte[] bytes = filler.clone();
        byte[] head = (fileId + "~").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        List<ReportRef> refs = new ArrayList<>(reports);
        for (int k = 0; k < reports; k++) {
            int m = (firstMeter + k) % meters;
            refs.add(ReportRef.newBuilder().setServiceAccount(account(m)).setPeriodStart(readDate.minusDays(25))
                    .setPeriodEnd(readDate).setReportId(fileId + "-" + k).setPurpose(ReportPurpose.ORIGINAL)
                    .setCancelledReportId(null).setMeterIds(List.of(meterId(m))).build());
        }
        return DocumentPosted.newBuilder().setFileId(fileId).setReceiverPartyId(receiver)
                .setKind(MailboxFileKind.EDI_867).setFileName("MDMA_867_" + receiver + "_" + file + ".x12")
                .setInterchangeControlNumber((long) file).setCreatedAt(clock.instant().minusSeconds(60))
                .setSha256(Sha256.hex(bytes)).setContent(ByteBuffer.wrap(bytes)).setReports(refs).build();
    }

    /** The content store, with the CPU time its puts took on this thread. */
    private static final class TimedContent implements FileContentStore {
        final FileContentStore store;
        long cpu;

        TimedContent(FileContentStore store) {
            this.store = store;
        }

        @Override
        public String put(byte[] content) throws IOException {
            return put(content, null);
        }

        @Override
        public String put(byte[] content, String declaredSha256) throws IOException {
            long t0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            try {
                return store.put(content, declaredSha256);
            } finally {
                cpu += ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0;
            }
        }

        @Override
        public String putZstdFrames(byte[] frames, String sha256) throws IOException {
            long t0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            try {
                return store.putZstdFrames(frames, sha256);
            } finally {
                cpu += ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0;
            }
        }

        @Override
        public boolean contains(String sha256) {
            return store.contains(sha256);
        }

        @Override
        public Optional<java.io.InputStream> open(String sha256) throws IOException {
            return store.open(sha256);
        }

        @Override
        public Optional<byte[]> read(String sha256) throws IOException {
            return store.read(sha256);
        }
    }

    private static String meterId(int m) {
        return String.format("BM%07d", m);
    }

    private static String account(int m) {
        return String.format("BA%07d", m);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private DocumentPostedBenchmark() {
    }
}
