package energy.mdma.delivery.bench;

import energy.mdma.delivery.archive.StoredArchiveIndex;
import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditEntry;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.audit.AuditQuery;
import energy.mdma.delivery.audit.StoredAuditLog;
import energy.mdma.delivery.kafka.MailboxProjection;
import energy.mdma.delivery.kafka.ProjectionState;
import energy.mdma.delivery.mailbox.FilesystemContentStore;
import energy.mdma.delivery.mailbox.MailboxEventSink;
import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.delivery.mailbox.StatusFilter;
import energy.mdma.delivery.mailbox.StoredMailboxStore;
import energy.mdma.delivery.store.ViewStore;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxAction;
import energy.mdma.events.MailboxFileEvent;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.Sha256;
import energy.mdma.events.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Not a test: fills the views' store ({@link ViewStore}) the way the service does (posted documents through the
 * {@link MailboxProjection} into the mailboxes and the archive index, acknowledgements, three audit events a file,
 * one batch and offsets per 200 records) with three years of files for the utility's receivers (default 10 receivers
 * x 5 files a day x 1,200 days, about 2 KB each, bytes in a real content store), then prints p50/p99 of listing one
 * day's files of a receiver, downloading one file (look-up plus its bytes), an audit page, and the store's
 * restart-to-ready (closed with no flush, opened again, first listing answered).
 *
 * <p>Run: {@code java -cp <delivery-service test classpath> energy.mdma.delivery.bench.ViewStoreBenchmark
 * [receivers] [filesPerDay] [days] [iterations]}
 */
public final class ViewStoreBenchmark {

    public static void main(String[] args) throws Exception {
        int receivers = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int perDay = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 1200;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;

        Path dir = Files.createTempDirectory("mdma-views-bench");
        Path storeDir = dir.resolve("views");
        FilesystemContentStore content = new FilesystemContentStore(dir.resolve("files"));
        Instant start = LocalDate.of(2023, 9, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = start.plus(Duration.ofDays(days));
        Clock clock = Clock.fixed(end, ZoneOffset.UTC);
        byte[] filler = "REF*12*ACC~".repeat(190).getBytes(StandardCharsets.UTF_8);

        ViewStore db = ViewStore.open(storeDir);
        StoredMailboxStore store = new StoredMailboxStore(db, content, MailboxEventSink.NONE, clock);
        StoredAuditLog audit = new StoredAuditLog(db);
        MailboxProjection projection = new MailboxProjection(store, content, new StoredArchiveIndex(db), null, e -> {
        }, clock, Period.ofYears(4), ProjectionState.stored(db));
        long t0 = System.nanoTime();
        long offset = 0;
        int inBatch = 0;
        long files = 0;
        db.begin();
        for (int d = 0; d < days; d++) {
            Instant day = start.plus(Duration.ofDays(d));
            for (int r = 0; r < receivers; r++) {
                String party = "ESP" + r;
                for (int i = 0; i < perDay; i++) {
                    Instant created = day.plusSeconds(6 * 3600L + i * (12 * 3600L / perDay) + r);
                    String fileId = party + "-867-" + d + "-" + i;
                    byte[] bytes = (fileId + "~").getBytes(StandardCharsets.UTF_8);
                    byte[] all = new byte[bytes.length + filler.length];
                    System.arraycopy(bytes, 0, all, 0, bytes.length);
                    System.arraycopy(filler, 0, all, bytes.length, filler.length);
                    DocumentPosted doc = DocumentPosted.newBuilder().setFileId(fileId).setReceiverPartyId(party)
                            .setKind(MailboxFileKind.EDI_867).setFileName("MDMA_867_" + party + "_" + d + "_" + i + ".x12")
                            .setInterchangeControlNumber((long) d * perDay + i + 1).setCreatedAt(created)
                            .setSha256(Sha256.hex(all)).setContent(ByteBuffer.wrap(all))
                            .setReports(List.of(ReportRef.newBuilder().setServiceAccount("ACC-" + r + "-" + i)
                                    .setPeriodStart(LocalDate.ofInstant(day, ZoneOffset.UTC).minusDays(30))
                                    .setPeriodEnd(LocalDate.ofInstant(day, ZoneOffset.UTC))
                                    .setReportId(fileId + "-R").setPurpose(ReportPurpose.ORIGINAL)
                                    .setCancelledReportId(null).setMeterIds(List.of("M-" + r + "-" + i)).build()))
                            .build();
                    projection.handle(new ConsumerRecord<>(Topics.EDI_DOCUMENTS, 0, offset++, party, doc), true);
                    if (d < days - 1) {
                        projection.handle(new ConsumerRecord<>(Topics.MAILBOX_EVENTS, 0, offset++, party,
                                MailboxFileEvent.newBuilder().setFileId(fileId).setPartyId(party)
                                        .setAction(MailboxAction.ACKNOWLEDGED).setAt(created.plusSeconds(3600))
                                        .setBy(party).build()), true);
                    }
                    for (AuditAction a : new AuditAction[]{AuditAction.LIST, AuditAction.DOWNLOAD, AuditAction.ACK}) {
                        audit.record(new AuditEntry(fileId + "-" + a, created.plusSeconds(3600 + a.ordinal()), party,
                                "ESP", a, party, fileId, "10.0.0." + r, AuditOutcome.SUCCESS, null));
                    }
                    files++;
                    inBatch += 5;
                    if (inBatch >= 200) {
                        db.commit(Map.of(new TopicPartition(Topics.EDI_DOCUMENTS, 0), offset));
                        db.begin();
                        inBatch = 0;
                    }
                }
            }
        }
        db.commit(Map.of(new TopicPartition(Topics.EDI_DOCUMENTS, 0), offset));
        long fillMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("filled %,d files (%d receivers x %d a day x %d days), %,d audit events in %,d ms; "
                + "store %,d MB on disk%n", files, receivers, perDay, days, files * 3, fillMs, size(storeDir) >> 20);

        Instant[] dayStarts = new Instant[days];
        for (int d = 0; d < days; d++) {
            dayStarts[d] = start.plus(Duration.ofDays(d));
        }
        List<String[]> someFiles = new ArrayList<>();
        for (int k = 0; k < 1000; k++) {
            int d = (int) ((k * 7919L) % days);
            int r = k % receivers;
            someFiles.add(new String[]{"ESP" + r, MailboxProjection.apiId("ESP" + r + "-867-" + d + "-" + (k % perDay))});
        }
        long[] list = MailboxListingBenchmark.measure(iterations, i -> {
            int d = (int) ((i * 7919L) % days);
            return store.list("ESP" + (i % receivers), StatusFilter.ALL, dayStarts[d], perDay, null).items().size();
        });
        long[] newFiles = MailboxListingBenchmark.measure(iterations,
                i -> store.list("ESP" + (i % receivers), StatusFilter.NEW, null, 100, null).items().size());
        long[] download = MailboxListingBenchmark.measure(iterations, i -> {
            String[] f = someFiles.get(i % someFiles.size());
            MailboxFile file = store.get(f[0], f[1]).orElseThrow();
            try {
                return content.read(file.sha256()).orElseThrow().length;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long[] auditPage = MailboxListingBenchmark.measure(Math.min(iterations, 5_000), i -> {
            int d = (int) ((i * 7919L) % days);
            return audit.page(new AuditQuery.Filter("ESP" + (i % receivers), null, null, null, dayStarts[d].plus(Duration.ofDays(1)), 100), null)
                    .items().size();
        });
        MailboxListingBenchmark.report("list one day of a receiver (since=day start, limit=" + perDay + ")", list);
        MailboxListingBenchmark.report("list a receiver's new files (status=new)", newFiles);
        MailboxListingBenchmark.report("download one file (look-up + bytes)", download);
        MailboxListingBenchmark.report("audit page (party filter, to=day end, limit=100)", auditPage);

        // restart-to-ready of the store: closed as a kill leaves it (no flush), opened, first listing answered
        long[] restarts = new long[5];
        for (int k = 0; k < restarts.length; k++) {
            db.close();
            long s = System.nanoTime();
            db = ViewStore.open(storeDir);
            StoredMailboxStore reopened = new StoredMailboxStore(db, content, MailboxEventSink.NONE, clock);
            int n = reopened.list("ESP0", StatusFilter.ALL, dayStarts[days - 1], perDay, null).items().size();
            restarts[k] = System.nanoTime() - s;
            if (n != perDay) {
                throw new IllegalStateException("after reopening, the last day lists " + n + " files, not " + perDay);
            }
        }
        java.util.Arrays.sort(restarts);
        System.out.printf("store restart-to-ready (open + first listing), %d runs: median %.1f ms, max %.1f ms "
                + "(then the replay reads only what arrived since the stored offsets)%n", restarts.length,
                restarts[restarts.length / 2] / 1e6, restarts[restarts.length - 1] / 1e6);
        db.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static long size(Path dir) throws java.io.IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private ViewStoreBenchmark() {
    }
}
