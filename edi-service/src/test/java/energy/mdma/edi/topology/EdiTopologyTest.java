package energy.mdma.edi.topology;

import energy.mdma.edi.testsupport.AcceptanceCheck;
import com.github.luben.zstd.Zstd;
import energy.mdma.edi.decision.ControlNumberRange;
import energy.mdma.edi.keys.ControlNumberKey;
import energy.mdma.edi.store.ControlNumberKeySerde;
import energy.mdma.edi.store.CounterSerde;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DocumentContent;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.IntervalQuality;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PeriodState;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The EDI topology in TopologyTestDriver, fed with the sample's expected VEE results; checked with the utility's compare.py. */
class EdiTopologyTest {
    static final SampleResults sample = SampleResults.loaded();

    @TempDir
    Path stateDir;
    @TempDir
    Path out;

    final class Run implements AutoCloseable {
        final EdiTestDriver edi;
        final List<DocumentPosted> posted = new ArrayList<>();

        Run() {
            this(EdiTopology.Settings.defaults());
        }

        Run(EdiTopology.Settings settings) {
            edi = new EdiTestDriver("edi-test", stateDir, settings);
            edi.masterData(sample);
        }

        void send(List<ChannelPeriodResult> rs) {
            edi.send(rs);
        }

        /** One posting round (3 s of wall clock): what it posted. */
        List<DocumentPosted> round() {
            edi.round();
            List<DocumentPosted> docs = edi.documents.readValuesToList();
            posted.addAll(docs);
            return docs;
        }

        /** A posting round, then the summaries once their rows are quiet (10 s by default): what was posted. */
        List<DocumentPosted> post() {
            List<DocumentPosted> docs = edi.post();
            posted.addAll(docs);
            return docs;
        }

        /** Writes every file posted to {@code party} so far into {@code dir}. */
        void writeMailbox(String party, Path dir) throws IOException {
            Files.createDirectories(dir);
            for (DocumentPosted d : posted) {
                if (d.getReceiverPartyId().equals(party)) {
                    Files.write(dir.resolve(d.getFileName()), bytes(d));
                }
            }
        }

        @Override
        public void close() {
            edi.close();
        }
    }

    /** Where {@code part} first occurs in {@code array}, or -1. */
    static int indexOf(byte[] array, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= array.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (array[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The file a document carries (an 867 is Zstandard frames of it, a summary part its bytes). */
    static byte[] bytes(DocumentPosted d) {
        return DocumentContent.file(d);
    }

    @Test
    void an867TravelsAsZstandardFramesOfTheFileWhoseHashAndSizeItDeclares() {
        try (Run run = new Run()) {
            run.send(sample.results);
            List<DocumentPosted> x12 = run.post().stream().filter(d -> d.getKind() == MailboxFileKind.EDI_867).toList();
            assertFalse(x12.isEmpty());
            for (DocumentPosted d : x12) {
                assertEquals(DocumentContent.ZSTD, d.getContentEncoding(), d.getFileName());
                byte[] frame = new byte[d.getContent().remaining()];
                d.getContent().duplicate().get(frame);
                byte[] file = Zstd.decompress(frame, (int) (long) d.getFileSize()); // the codec itself, not our helper
                assertEquals(d.getFileSize(), (long) file.length, d.getFileName());
                assertEquals(d.getSha256(), Sha256.hex(file), d.getFileName() + ": sha256 is the file's");
                assertTrue(new String(file, StandardCharsets.US_ASCII).startsWith("ISA*00*"), d.getFileName());
                assertTrue(frame.length * 5L < file.length, d.getFileName() + ": " + frame.length + " bytes for a file of "
                        + file.length);
            }
            // each original's ReportRef says whether it is estimated (interim), as its transaction set does (QTY*KA);
            // the sample has both
            Map<Boolean, Integer> estimated = new java.util.TreeMap<>();
            for (DocumentPosted d : x12) {
                String[] sets = new String(bytes(d), StandardCharsets.US_ASCII).split("\nST\\*867\\*");
                assertEquals(d.getReports().size(), sets.length - 1, d.getFileName());
                for (int i = 0; i < d.getReports().size(); i++) {
                    ReportRef ref = d.getReports().get(i);
                    String set = sets[i + 1].substring(0, sets[i + 1].indexOf("\nSE*") + 1);
                    if (ref.getPurpose() == ReportPurpose.ORIGINAL) {
                        assertEquals(set.contains("\nQTY*KA*"), ref.getEstimated(), d.getFileName() + " set " + (i + 1));
                        estimated.merge(ref.getEstimated(), 1, Integer::sum);
                    } else {
                        assertEquals(null, ref.getEstimated(), d.getFileName() + " set " + (i + 1));
                    }
                }
            }
            assertEquals(Set.of(false, true), estimated.keySet(), estimated.toString());
            // an original's segments between BPT and SE travel as one frame of their own, compressed once for every
            // receiver's file that carries the account-period: the same frame in the UDC's and in the ESP's document
            Map<String, Set<String>> receiversByBody = new java.util.HashMap<>();
            for (DocumentPosted d : x12) {
                byte[] content = new byte[d.getContent().remaining()];
                d.getContent().duplicate().get(content);
                String[] sets = new String(bytes(d), StandardCharsets.US_ASCII).split("\nST\\*867\\*");
                for (int i = 0; i < d.getReports().size(); i++) {
                    if (d.getReports().get(i).getPurpose() != ReportPurpose.ORIGINAL) {
                        continue;
                    }
                    String set = sets[i + 1];
                    String body = set.substring(set.indexOf("\nBPT*") + 1);
                    body = body.substring(body.indexOf('\n') + 1, body.indexOf("\nSE*") + 1);
                    byte[] frame = DocumentContent.compress(body.getBytes(StandardCharsets.US_ASCII));
                    assertTrue(indexOf(content, frame) >= 0, d.getFileName() + " set " + (i + 1)
                            + ": its segments between BPT and SE are not one frame of the content");
                    receiversByBody.computeIfAbsent(body, k -> new java.util.TreeSet<>()).add(d.getReceiverPartyId());
                }
            }
            assertTrue(receiversByBody.values().stream().anyMatch(r -> r.size() > 1), receiversByBody.values().toString());
            // a summary part is its bytes, not encoded
            List<DocumentPosted> summaries = run.posted.stream().filter(d -> d.getKind() == MailboxFileKind.SUMMARY).toList();
            assertFalse(summaries.isEmpty());
            for (DocumentPosted d : summaries) {
                assertEquals(null, d.getContentEncoding());
                assertEquals(d.getSha256(), Sha256.hex(bytes(d)));
            }
        }
    }

    @Test
    void theSampleResultsBecome867sThatTheUtilityAccepts() throws Exception {
        try (Run run = new Run()) {
            run.send(sample.results);
            List<DocumentPosted> docs = run.post();
            assertTrue(docs.stream().anyMatch(d -> d.getKind() == MailboxFileKind.SUMMARY && d.getReceiverPartyId().equals("SCE")));
            run.writeMailbox("SCE", out.resolve("SCE"));
            String verdict = AcceptanceCheck.verdictOnExamplePackage(out.resolve("SCE"));
            assertEquals("acceptance: 20/20 account-periods match, summary 26/26 rows match", verdict);
            // nothing changed: nothing new is posted
            run.send(sample.results);
            assertEquals(List.of(), run.post());
        }
    }

    @Test
    void anEspGetsOnlyItsOwnAccounts() {
        try (Run run = new Run()) {
            run.send(sample.results);
            run.post();
            Set<String> esp01 = new TreeSet<>();
            sample.meters.stream().filter(m -> m.getEspId().equals("ESP01")).forEach(m -> esp01.add(m.getServiceAccount()));
            for (DocumentPosted d : run.posted) {
                if (d.getReceiverPartyId().equals("ESP01")) {
                    for (ReportRef r : d.getReports()) {
                        assertTrue(esp01.contains(r.getServiceAccount()), r.getServiceAccount() + " is not ESP01's");
                    }
                    String content = new String(bytes(d), StandardCharsets.UTF_8);
                    Set<String> own = new TreeSet<>();
                    sample.meters.stream().filter(m -> m.getEspId().equals("ESP01")).forEach(m -> own.add(m.getCustomerName()));
                    sample.meters.stream().filter(m -> !own.contains(m.getCustomerName()))
                            .forEach(m -> assertFalse(content.contains(m.getCustomerName()), "another ESP's customer in ESP01's file"));
                    sample.meters.stream().filter(m -> !m.getEspId().equals("ESP01"))
                            .forEach(m -> assertFalse(content.contains("REF*12*" + m.getServiceAccount() + "~"), "another ESP's account in ESP01's file"));
                }
            }
            assertTrue(run.posted.stream().anyMatch(d -> d.getReceiverPartyId().equals("ESP01") && d.getKind() == MailboxFileKind.EDI_867));
        }
    }

    @Test
    void aChangedPeriodIsCancelledAndReissuedInOneFileAndControlNumbersIncrease() throws Exception {
        try (Run run = new Run()) {
            run.send(sample.results);
            run.post();
            ChannelPeriodResult original = sample.results.stream()
                    .filter(r -> r.getMeterId().equals("M3630156") && r.getPeriodEnd().toString().equals("2025-12-22")).findFirst().orElseThrow();
            ChannelPeriodResult changed = ChannelPeriodResult.newBuilder(original).setVersion(2).build();
            List<Long> usage = new ArrayList<>(changed.getUsage());
            usage.set(10, usage.get(10) + 1000);
            changed.setUsage(usage);
            changed.setTotal(changed.getTotal() + 1000);
            run.send(List.of(changed));
            List<DocumentPosted> correction = run.post();
            DocumentPosted sce = correction.stream().filter(d -> d.getReceiverPartyId().equals("SCE") && d.getKind() == MailboxFileKind.EDI_867)
                    .findFirst().orElseThrow();
            assertEquals(2, sce.getReports().size());
            assertEquals(ReportPurpose.CANCELLATION, sce.getReports().get(0).getPurpose());
            assertEquals(ReportPurpose.ORIGINAL, sce.getReports().get(1).getPurpose());
            String cancelled = sce.getReports().get(0).getCancelledReportId();
            assertTrue(run.posted.stream().flatMap(d -> d.getReports().stream())
                    .anyMatch(r -> r.getReportId().equals(cancelled) && r.getPurpose() == ReportPurpose.ORIGINAL));
            assertTrue(new String(bytes(sce), StandardCharsets.UTF_8).contains("BPT*01*"));
            assertTrue(correction.stream().anyMatch(d -> d.getReceiverPartyId().equals("ESP01") && d.getKind() == MailboxFileKind.EDI_867),
                    "the ESP that received the period gets the correction too");
            // control numbers: unique per receiver, increasing within each partition's range
            List<Long> sceNumbers = run.posted.stream().filter(d -> d.getReceiverPartyId().equals("SCE") && d.getKind() == MailboxFileKind.EDI_867)
                    .map(DocumentPosted::getInterchangeControlNumber).toList();
            assertEquals(sceNumbers.size(), new TreeSet<>(sceNumbers).size(), "an ISA13 was reused: " + sceNumbers);
            for (int i = 1; i < sceNumbers.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (ControlNumberAllocator.partitionOf(sceNumbers.get(i))
                            == ControlNumberAllocator.partitionOf(sceNumbers.get(j))) {
                        assertTrue(sceNumbers.get(i) > sceNumbers.get(j), sceNumbers.toString());
                    }
                }
            }
            // back to the original values: the newest originals are the expected results again
            run.send(List.of(ChannelPeriodResult.newBuilder(original).setVersion(3).build()));
            run.post();
            run.writeMailbox("SCE", out.resolve("SCE"));
            String verdict = AcceptanceCheck.verdictOnExamplePackage(out.resolve("SCE"));
            assertEquals("acceptance: 20/20 account-periods match, summary 26/26 rows match", verdict);
        }
    }

    @Test
    void theControlNumbersReachTheChangelogOncePerCommitAsTheLastNumbersGiven() {
        try (Run run = new Run()) {
            run.send(sample.results);
            run.post();
            List<String> reportIds = run.posted.stream().flatMap(d -> d.getReports().stream())
                    .map(ReportRef::getReportId).toList();
            List<Long> isa13s = run.posted.stream().filter(d -> d.getKind() == MailboxFileKind.EDI_867)
                    .map(DocumentPosted::getInterchangeControlNumber).toList();
            assertTrue(reportIds.size() > EdiTestDriver.ROUNDS && isa13s.size() > 1, reportIds + " " + isa13s);
            // what a restore reads: the store's changelog
            var changelog = run.edi.driver.createOutputTopic("edi-test-" + EdiTopology.SEQUENCES_STORE + "-changelog",
                    new ControlNumberKeySerde().deserializer(), new CounterSerde().deserializer()).readKeyValuesToList();
            List<Long> reportCounters = changelog.stream().filter(kv -> kv.key.equals(ControlNumberKey.REPORT_SEQUENCE))
                    .map(kv -> kv.value.value()).toList();
            List<Long> isa13Counters = changelog.stream().filter(kv -> kv.key.equals(ControlNumberKey.SEQUENCE))
                    .map(kv -> kv.value.value()).toList();
            // one record per counter and commit (the driver commits once per round), not one per number given
            assertTrue(reportCounters.size() <= EdiTestDriver.ROUNDS && isa13Counters.size() <= EdiTestDriver.ROUNDS,
                    reportIds.size() + " report ids and " + isa13s.size() + " files written as " + changelog);
            // and the last of each is the last number given: a restore continues after it (the driver's one task
            // numbers in partition 0's range)
            ControlNumberRange range = new ControlNumberRange(0);
            long lastReport = reportCounters.get(reportCounters.size() - 1);
            assertEquals(reportIds.size(), lastReport);
            assertEquals(reportIds.stream().max(String::compareTo).orElseThrow(), ControlNumberRange.reportId(
                    range.reportIdPrefix(EdiTopology.Settings.defaults().mdmaId()), lastReport));
            assertEquals(isa13s.stream().mapToLong(Long::longValue).max().orElseThrow(),
                    range.isa13(isa13Counters.get(isa13Counters.size() - 1)));
        }
    }

    @Test
    void aPostedPeriodThatBecomesHeldIsCancelledAndAHeldOneIsNeverPosted() {
        try (Run run = new Run()) {
            run.send(sample.results);
            run.post();
            assertFalse(run.posted.stream().flatMap(d -> d.getReports().stream())
                    .anyMatch(r -> r.getServiceAccount().equals("3892172457") && r.getPeriodEnd().toString().equals("2025-11-28")),
                    "a held account-period has no 867");
            ChannelPeriodResult posted = sample.results.stream()
                    .filter(r -> r.getMeterId().equals("M7471082") && r.getPeriodEnd().toString().equals("2025-12-29")).findFirst().orElseThrow();
            run.send(List.of(ChannelPeriodResult.newBuilder(posted).setVersion(2).setState(PeriodState.HELD).setTotal(null).build()));
            List<DocumentPosted> docs = run.post();
            DocumentPosted sce = docs.stream().filter(d -> d.getReceiverPartyId().equals("SCE") && d.getKind() == MailboxFileKind.EDI_867)
                    .findFirst().orElseThrow();
            assertEquals(1, sce.getReports().size());
            assertEquals(ReportPurpose.CANCELLATION, sce.getReports().get(0).getPurpose());
            assertTrue(docs.stream().anyMatch(d -> d.getReceiverPartyId().equals("SCE") && d.getKind() == MailboxFileKind.SUMMARY),
                    "the summary shows the change");
        }
    }

    @Test
    void aChangedCustomerNameCorrectsThePostedPeriodsOfThatAccountOnly() {
        try (Run run = new Run()) {
            run.send(sample.results);
            run.post();
            String account = "3900421644";
            List<MeterEvent> accountMeters = sample.meters.stream().filter(m -> m.getServiceAccount().equals(account)).toList();
            assertFalse(accountMeters.isEmpty(), "account " + account + " is not in the example package");
            long posted = run.posted.stream().filter(d -> d.getKind() == MailboxFileKind.EDI_867)
                    .flatMap(d -> d.getReports().stream()).filter(r -> r.getServiceAccount().equals(account)).count();
            assertTrue(posted > 0, "the account's periods were posted");
            // a meter re-sent unchanged (from another file) changes nothing
            accountMeters.forEach(m -> run.edi.meters.pipeInput(m.getMeterId(),
                    MeterEvent.newBuilder(m).setSourceFileId("another-file").build()));
            run.edi.driver.advanceWallClockTime(Duration.ofSeconds(31));
            assertEquals(List.of(), run.post());
            // the customer's name changes: every posted period of the account is cancelled and reissued with it
            accountMeters.forEach(m -> run.edi.meters.pipeInput(m.getMeterId(),
                    MeterEvent.newBuilder(m).setCustomerName("Renamed Customer").build()));
            run.edi.driver.advanceWallClockTime(Duration.ofSeconds(31));
            List<DocumentPosted> docs = run.post();
            List<DocumentPosted> x12 = docs.stream().filter(d -> d.getKind() == MailboxFileKind.EDI_867).toList();
            assertFalse(x12.isEmpty(), "a correction is posted");
            for (DocumentPosted d : x12) {
                for (ReportRef r : d.getReports()) {
                    assertEquals(account, r.getServiceAccount(), "only the renamed account is corrected");
                }
                String content = new String(bytes(d), StandardCharsets.UTF_8);
                assertTrue(content.contains("BPT*01*"), "the old report is cancelled");
                assertTrue(content.contains("N1*8R*Renamed Customer~"), "the new original carries the new name");
            }
            assertTrue(x12.stream().anyMatch(d -> d.getReceiverPartyId().equals("SCE")));
            assertTrue(x12.stream().anyMatch(d -> d.getReceiverPartyId().equals(accountMeters.get(0).getEspId())),
                    "the account's ESP gets the correction too");
            assertEquals(posted, x12.stream().filter(d -> d.getReceiverPartyId().equals("SCE"))
                    .flatMap(d -> d.getReports().stream()).filter(r -> r.getPurpose() == ReportPurpose.CANCELLATION).count() * 2,
                    "every posted original of the account (to the UDC and the ESP) is cancelled once");
        }
    }

    @Test
    void aBacklogIsPostedOverSeveralRoundsWithTheSameResult() throws Exception {
        EdiTopology.Settings small = EdiTopology.Settings.defaults().withMaxIntervalsPerRound(5_000);
        try (Run run = new Run(small)) {
            run.send(sample.results);
            int rounds = 0;
            int quiet = 0;
            while (quiet < 5) {
                if (run.round().isEmpty()) {
                    quiet++;
                } else {
                    quiet = 0;
                    rounds++;
                }
                assertTrue(rounds < 100, "the backlog never ends");
            }
            assertTrue(rounds > 3, "41,788 intervals at 5,000 a round take several rounds, not " + rounds);
            assertEquals(1, run.posted.stream().filter(doc -> doc.getReceiverPartyId().equals("SCE")
                    && doc.getKind() == MailboxFileKind.SUMMARY).count(), "one summary, once the backlog is done");
            run.writeMailbox("SCE", out.resolve("SCE"));
            String verdict = AcceptanceCheck.verdictOnExamplePackage(out.resolve("SCE"));
            assertEquals("acceptance: 20/20 account-periods match, summary 26/26 rows match", verdict);
        }
    }

    /** The held version of M7471082's period 2025-11-28 with its intervals without value edited (as vee makes it). */
    static ChannelPeriodResult edited(ChannelPeriodResult held, int version, long usage) {
        List<Long> u = new ArrayList<>(held.getUsage());
        List<Integer> q = new ArrayList<>(held.getQuality());
        long total = 0;
        int edited = 0;
        for (int i = 0; i < q.size(); i++) {
            if (!IntervalQuality.hasValue(q.get(i))) {
                q.set(i, (q.get(i) & IntervalQuality.REASON_MASK)
                        | IntervalQuality.METHOD_EDIT | IntervalQuality.ESTIMATED);
                u.set(i, usage);
                edited++;
            }
            total += u.get(i);
        }
        Map<String, Integer> fp = new HashMap<>(held.getFailurePoints());
        fp.remove("NOT_ESTIMATED");
        fp.remove("ESTIMATION_FAILED");
        fp.put("EDITED", edited);
        return ChannelPeriodResult.newBuilder(held).setVersion(version).setState(PeriodState.COMPLETE).setUsage(u)
                .setQuality(q).setTotal(total).setTotalEstimated(true)
                .setIntervalsEstimated(held.getIntervalsEstimated() + edited).setFailurePoints(fp)
                .setChangedBy("operator").setChangeReason("manual edit e1 by operator: FIELD_READ: read on site").build();
    }

    @Test
    void aHeldPeriodResolvedByAnEditIsPostedAndItsCorrectionsAreCancelledAndReissued() {
        try (Run run = new Run()) {
            run.send(sample.results);
            run.post();
            ChannelPeriodResult held = sample.results.stream().filter(r -> r.getMeterId().equals("M7471082")
                    && r.getPeriodEnd().toString().equals("2025-11-28")).findFirst().orElseThrow();
            assertEquals(PeriodState.HELD, held.getState());
            String account = held.getServiceAccount();
            // the edit resolves it: its original is posted, the summary counts EDITED once per edited interval
            ChannelPeriodResult first = edited(held, 2, 500L);
            int n = first.getFailurePoints().get("EDITED");
            assertTrue(n > 0);
            run.send(List.of(first));
            List<DocumentPosted> docs = run.post();
            List<ReportRef> refs = docs.stream().filter(d -> d.getReceiverPartyId().equals("SCE")
                    && d.getKind() == MailboxFileKind.EDI_867).flatMap(d -> d.getReports().stream())
                    .filter(r -> r.getServiceAccount().equals(account)).toList();
            assertEquals(1, refs.size(), refs.toString());
            assertEquals(ReportPurpose.ORIGINAL, refs.get(0).getPurpose());
            String summary = docs.stream().filter(d -> d.getReceiverPartyId().equals("SCE")
                    && d.getKind() == MailboxFileKind.SUMMARY).map(d -> new String(bytes(d), StandardCharsets.UTF_8))
                    .reduce("", String::concat);
            String row = summary.lines().filter(l -> l.contains("M7471082") && l.contains("2025-11-28")).findFirst()
                    .orElseThrow(() -> new AssertionError(summary));
            assertTrue(row.contains("EDITED=" + n) && !row.contains("ESTIMATION_FAILED"), row);
            // a later change (a second edit, or its withdrawal) is a cancellation and reissue to every party that
            // received it
            run.send(List.of(edited(held, 3, 700L)));
            List<DocumentPosted> correction = run.post();
            for (String party : List.of("SCE", "ESP01")) {
                List<ReportRef> c = correction.stream().filter(d -> d.getReceiverPartyId().equals(party)
                        && d.getKind() == MailboxFileKind.EDI_867).flatMap(d -> d.getReports().stream())
                        .filter(r -> r.getServiceAccount().equals(account)).toList();
                boolean received = run.posted.stream().filter(d -> d.getReceiverPartyId().equals(party))
                        .flatMap(d -> d.getReports().stream()).anyMatch(r -> r.getServiceAccount().equals(account)
                                && r.getPurpose() == ReportPurpose.ORIGINAL && !c.contains(r));
                if (!received) {
                    continue; // the account is not this ESP's
                }
                assertEquals(List.of(ReportPurpose.CANCELLATION, ReportPurpose.ORIGINAL),
                        c.stream().map(ReportRef::getPurpose).toList(), party + ": " + c);
            }
            // withdrawn down to no edit: held again, the posted period is cancelled and nothing reissued
            run.send(List.of(ChannelPeriodResult.newBuilder(held).setVersion(4).build()));
            List<ReportRef> back = run.post().stream().filter(d -> d.getReceiverPartyId().equals("SCE")
                    && d.getKind() == MailboxFileKind.EDI_867).flatMap(d -> d.getReports().stream())
                    .filter(r -> r.getServiceAccount().equals(account)).toList();
            assertEquals(List.of(ReportPurpose.CANCELLATION), back.stream().map(ReportRef::getPurpose).toList());
        }
    }
}
