package energy.mdma.edi.topology;

import energy.mdma.edi.testsupport.AcceptanceCheck;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.kafka.Topics;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.testsupport.MdmaPlatformExtension;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * edi-service on the real KRaft broker and schema registry, exactly-once: the sample's results become
 * files the utility accepts; after a restart with a fresh state directory (state restored from the
 * changelogs) a late change is posted as cancellation + reissue with control numbers that continue.
 */
@ExtendWith(MdmaPlatformExtension.class)
class EdiOnBrokerTest {
    static SampleResults sample;

    @TempDir
    Path work;

    @BeforeAll
    static void load() throws IOException {
        sample = SampleResults.load();
    }

    private void publish(MdmaTestPlatform platform, List<ProducerRecord<String, SpecificRecord>> records) throws Exception {
        Properties p = platform.kafkaClientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        Serializer<SpecificRecord> values = EventSerdes.<SpecificRecord>valueSerde(platform.registryUrl()).serializer();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(p, new StringSerializer(), values)) {
            for (ProducerRecord<String, SpecificRecord> r : records) {
                producer.send(r);
            }
            producer.flush();
        }
    }

    /** Reads documents until {@code done} holds for what was read (committed data only). */
    private List<DocumentPosted> readUntil(KafkaConsumer<String, DocumentPosted> consumer, List<DocumentPosted> all,
                                           Predicate<List<DocumentPosted>> done) {
        Poll.until("the documents", Duration.ofSeconds(240), () -> {
            consumer.poll(Duration.ofMillis(500)).forEach(r -> all.add(r.value()));
            return done.test(all);
        });
        return all;
    }

    @Test
    void samplePostsCorrectionsAfterARestartWithContinuingControlNumbers(MdmaTestPlatform platform) throws Exception {
        List<ProducerRecord<String, SpecificRecord>> master = new ArrayList<>();
        sample.parties.forEach(x -> master.add(new ProducerRecord<>(Topics.PARTIES, x.getPartyId(), x)));
        sample.meters.forEach(x -> master.add(new ProducerRecord<>(Topics.METERS, x.getMeterId(), x)));
        sample.channels.forEach(x -> master.add(new ProducerRecord<>(Topics.CHANNELS, Topics.channelKey(x.getMeterId(), x.getChannel()), x)));
        publish(platform, master);
        List<ProducerRecord<String, SpecificRecord>> results = new ArrayList<>();
        sample.results.forEach(x -> results.add(new ProducerRecord<>(Topics.CHANNEL_PERIODS, x.getServiceAccount(), x)));
        publish(platform, results);

        Properties c = platform.kafkaClientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "edi-it-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.putAll(EventSerdes.config(platform.registryUrl()));
        String appId = "mdma-edi-it-" + UUID.randomUUID();
        List<DocumentPosted> docs = new ArrayList<>();
        try (KafkaConsumer<String, DocumentPosted> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                EventSerdes.<DocumentPosted>valueSerde(platform.registryUrl()).deserializer())) {
            consumer.subscribe(List.of(Topics.EDI_DOCUMENTS));
            try (KafkaStreams streams = EdiOnBroker.start(platform, appId, work.resolve("state-1"))) {
                readUntil(consumer, docs, d -> d.stream().anyMatch(x -> x.getReceiverPartyId().equals("SCE") && x.getKind() == MailboxFileKind.SUMMARY)
                        && d.stream().filter(x -> x.getReceiverPartyId().equals("SCE")).flatMap(x -> x.getReports().stream()).count() == 17);
            }
            Path mailbox = work.resolve("SCE");
            write(docs, "SCE", mailbox);
            String verdict = AcceptanceCheck.verdictOnExamplePackage(mailbox);
            assertEquals("acceptance: 20/20 account-periods match, summary 26/26 rows match", verdict);
            List<Long> isa13Before = docs.stream().filter(x -> x.getReceiverPartyId().equals("SCE") && x.getInterchangeControlNumber() != null)
                    .map(DocumentPosted::getInterchangeControlNumber).toList();

            // restart with an empty state directory: the state comes back from the changelogs
            ChannelPeriodResult original = sample.results.stream()
                    .filter(r -> r.getMeterId().equals("M3630156") && r.getPeriodEnd().toString().equals("2025-12-22")).findFirst().orElseThrow();
            ChannelPeriodResult changed = ChannelPeriodResult.newBuilder(original).setVersion(2).build();
            List<Long> usage = new ArrayList<>(changed.getUsage());
            usage.set(5, usage.get(5) + 500);
            changed.setUsage(usage);
            changed.setTotal(changed.getTotal() + 500);
            publish(platform, List.of(new ProducerRecord<>(Topics.CHANNEL_PERIODS, changed.getServiceAccount(), changed)));
            int before = docs.size();
            try (KafkaStreams streams = EdiOnBroker.start(platform, appId, work.resolve("state-2"))) {
                readUntil(consumer, docs, d -> d.subList(before, d.size()).stream()
                        .anyMatch(x -> x.getReceiverPartyId().equals("SCE") && x.getKind() == MailboxFileKind.EDI_867));
            }
            DocumentPosted correction = docs.subList(before, docs.size()).stream()
                    .filter(x -> x.getReceiverPartyId().equals("SCE") && x.getKind() == MailboxFileKind.EDI_867).findFirst().orElseThrow();
            long isa13 = correction.getInterchangeControlNumber();
            long lastOfItsPartition = isa13Before.stream()
                    .filter(n -> ControlNumberAllocator.partitionOf(n) == ControlNumberAllocator.partitionOf(isa13))
                    .mapToLong(Long::longValue).max().orElse(0);
            assertTrue(isa13 > lastOfItsPartition && !isa13Before.contains(isa13),
                    "ISA13 " + isa13 + " after " + isa13Before + ": a control number was reused after the restart");
            assertEquals(List.of(ReportPurpose.CANCELLATION, ReportPurpose.ORIGINAL),
                    correction.getReports().stream().map(r -> r.getPurpose()).toList());
            String cancelled = correction.getReports().get(0).getCancelledReportId();
            assertTrue(docs.subList(0, before).stream().flatMap(x -> x.getReports().stream())
                    .anyMatch(r -> r.getReportId().equals(cancelled)), "the cancellation names the report posted before the restart");
            List<String> ids = docs.stream().flatMap(x -> x.getReports().stream()).map(r -> r.getReportId() + "@" + r.getPurpose()).toList();
            assertEquals(ids.size(), ids.stream().distinct().count(), "report ids are unique");
        }
    }

    private static void write(List<DocumentPosted> docs, String party, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (DocumentPosted d : docs) {
            if (d.getReceiverPartyId().equals(party)) {
                Files.write(dir.resolve(d.getFileName()), EdiTopologyTest.bytes(d));
            }
        }
    }
}
