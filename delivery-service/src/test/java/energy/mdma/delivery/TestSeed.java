package energy.mdma.delivery;

import energy.mdma.delivery.kafka.EventViews;
import energy.mdma.delivery.kafka.MailboxProjection;
import energy.mdma.delivery.mailbox.DocumentKind;
import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.delivery.mailbox.MailboxStore;
import energy.mdma.delivery.archive.Sample867;
import energy.mdma.events.DocumentContent;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.Sha256;
import energy.mdma.events.kafka.Topics;
import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.model.Role;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * Seeds the running service the way production does, on the test platform's log: parties on mdma.parties as ingest
 * writes them (then their test passwords set through the service's registry, which writes mdma.credentials), and
 * files on mdma.edi.documents as edi-service posts them; each call returns once the service has applied what it
 * wrote. Use it on a class running with {@link FreshLogTestResource}.
 */
@Singleton
public class TestSeed {

    private static final Duration SYNC = Duration.ofSeconds(60);

    @Inject
    EventViews views;
    @Inject
    MailboxStore store;
    @Inject
    PartyRegistry registry;
    @Inject
    Clock clock;

    private KafkaProducer<String, Object> producer;

    private synchronized KafkaProducer<String, Object> producer() {
        if (producer == null) {
            producer = TestLog.producer(MdmaTestPlatform.get());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Waits until the service has replayed the log and its operator can log in. */
    public void awaitReady() {
        Poll.until("the service replayed the log and bootstrapped its operator", TestLog.WAIT,
                () -> views.ready() && registry.directory().credential(TestParties.OPERATOR).isPresent());
    }

    /** A party on mdma.parties (as ingest writes it), then its test password ({@link TestParties#pw}). */
    public void party(String id, Role role) {
        syncParties("the parties' replay has not caught up"); // a sync before the first catch-up ends there
        send(Topics.PARTIES, id, PartyEvent.newBuilder().setPartyId(id).setRole(PartyRole.valueOf(role.name()))
                .setName(id + " name").setDuns("00" + Math.abs(id.hashCode())).setChangedBy("ingest")
                .setChangedAt(clock.instant()).build());
        syncParties("party " + id + " not applied by the service");
        registry.setPassword(id, TestParties.pw(id).toCharArray(), "test");
    }

    /** A credential change on mdma.credentials (e.g. a password set long ago, as a replay reads it). */
    public void credential(energy.mdma.party.model.CredentialUpdate event) {
        syncParties("the parties' replay has not caught up");
        send(Topics.CREDENTIALS, event.principal(), energy.mdma.party.kafka.PartyAvro.toAvro(event));
        syncParties("credential of " + event.principal() + " not applied by the service");
    }

    private void syncParties(String failure) {
        if (!views.syncParties(SYNC)) {
            throw new AssertionError(failure + " within " + SYNC);
        }
    }

    private void syncViews(String failure) {
        if (!views.syncViews(SYNC)) {
            throw new AssertionError(failure + " within " + SYNC);
        }
    }

    /** A file to post: where, its name, kind and bytes, and the reports it carries (867 only). */
    public record Doc(String party, String name, DocumentKind kind, byte[] content, List<ReportRef> reports) {
    }

    /**
     * An 867 named as {@link TestParties#post867} names it, a real interchange with one original report of account
     * ACC-{party} for January 2026 (so the archive has it).
     */
    public static Doc doc867(String party, String tag) {
        String reportId = party + "-" + tag;
        byte[] content = Sample867.interchange(1, Sample867.original(1, reportId, "ACC-" + party, "20260101",
                "20260201", "10"));
        ReportRef ref = ReportRef.newBuilder().setServiceAccount("ACC-" + party).setPeriodStart(LocalDate.parse("2026-01-01"))
                .setPeriodEnd(LocalDate.parse("2026-02-01")).setReportId(reportId).setPurpose(ReportPurpose.ORIGINAL)
                .setCancelledReportId(null).setMeterIds(List.of("M-" + party)).build();
        return new Doc(party, "MDMA_867_" + party + "_20260301120000_" + tag + ".x12", DocumentKind.EDI_867, content,
                List.of(ref));
    }

    /** The summary {@link TestParties#postSummary} posts. */
    public static Doc docSummary(String party) {
        String csv = "service_account,meter_id,channel,uom,period_start,period_end,intervals_expected,intervals_actual,"
                + "intervals_estimated,total,register_start,register_end,failure_points\n"
                + "ACC-" + party + ",M1,1,KWH,2026-02-01,2026-03-01,2688,2688,0,12.5,,,\n";
        return new Doc(party, "MDMA_SUMMARY_" + party + "_20260301120000.csv", DocumentKind.SUMMARY,
                csv.getBytes(StandardCharsets.UTF_8), List.of());
    }

    public MailboxFile post867(String party, String tag) {
        return post(doc867(party, tag));
    }

    public MailboxFile postSummary(String party) {
        return post(docSummary(party));
    }

    public MailboxFile post(String party, String name, DocumentKind kind, byte[] content) {
        return post(new Doc(party, name, kind, content, List.of()));
    }

    public MailboxFile post(Doc doc) {
        return postAll(List.of(doc)).get(0);
    }

    /** Posts the files in this order (one DocumentPosted each) and returns them as the mailboxes now hold them. */
    /** {@code file} as two Zstandard frames, its first half's and its second half's, one after the other. */
    static byte[] inTwoFrames(byte[] file) {
        byte[] first = DocumentContent.compress(file, 0, file.length / 2);
        byte[] second = DocumentContent.compress(file, file.length / 2, file.length - file.length / 2);
        byte[] frames = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, frames, first.length, second.length);
        return frames;
    }

    public List<MailboxFile> postAll(List<Doc> docs) {
        syncViews("the views' replay has not caught up");
        List<String> fileIds = new ArrayList<>();
        List<Future<?>> sent = new ArrayList<>();
        for (Doc d : docs) {
            String fileId = d.party() + "-test-" + UUID.randomUUID();
            fileIds.add(fileId);
            boolean summary = d.kind() == DocumentKind.SUMMARY;
            // as edi-service posts them: an 867 as Zstandard frames of the file (here two, its halves: what is served
            // is all of them), a summary as its bytes
            DocumentPosted posted = DocumentPosted.newBuilder().setFileId(fileId).setReceiverPartyId(d.party())
                    .setKind(summary ? MailboxFileKind.SUMMARY : MailboxFileKind.EDI_867)
                    .setFileName(d.name()).setInterchangeControlNumber(summary ? null : 1L)
                    .setCreatedAt(clock.instant()).setSha256(Sha256.hex(d.content()))
                    .setContent(ByteBuffer.wrap(summary ? d.content() : inTwoFrames(d.content())))
                    .setContentEncoding(summary ? null : DocumentContent.ZSTD)
                    .setFileSize(summary ? null : (long) d.content().length).setReports(d.reports()).build();
            sent.add(producer().send(new ProducerRecord<>(Topics.EDI_DOCUMENTS, d.party(), posted)));
        }
        for (Future<?> f : sent) {
            try {
                f.get(SYNC.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("could not post the test files on " + Topics.EDI_DOCUMENTS, e);
            }
        }
        syncViews("the test files not applied by the service");
        List<MailboxFile> out = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            String party = docs.get(i).party();
            String id = MailboxProjection.apiId(fileIds.get(i));
            out.add(store.get(party, id).orElseThrow(() -> new AssertionError("the posted test file " + id
                    + " is not in " + party + "'s mailbox")));
        }
        return out;
    }

    /**
     * Records on topics the views read (master data, read dates, documents as other services write them), in this
     * order; returns once the service has applied them.
     */
    public void views(List<? extends Map.Entry<String, ? extends org.apache.avro.specific.SpecificRecord>> keyed,
                      String topic) {
        syncViews("the views' replay has not caught up");
        for (Map.Entry<String, ? extends org.apache.avro.specific.SpecificRecord> e : keyed) {
            send(topic, e.getKey(), e.getValue());
        }
        syncViews("the " + topic + " records not applied by the service");
    }

    private void send(String topic, String key, org.apache.avro.specific.SpecificRecord value) {
        try {
            TestLog.send(producer(), topic, key, value);
        } catch (Exception e) {
            throw new AssertionError("could not write the test's " + topic + " record " + key, e);
        }
    }
}
