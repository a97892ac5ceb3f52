package energy.mdma.edi.topology;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.kafka.Topics;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.testsupport.MdmaPlatformExtension;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import energy.mdma.testsupport.StreamsTasks;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale-out, proven: two instances of edi-service's topology on the real broker share the partitions (each posts
 * 867s for the UDC), and together post what one instance posts: the same transaction sets per account-period (report
 * ids and control numbers aside), no ISA13 reused for any receiver, and report ids unique.
 */
@ExtendWith(MdmaPlatformExtension.class)
class EdiScaleOutTest {
    static final SampleResults sample = renamed(SampleResults.loaded());

    @TempDir
    Path work;

    /**
     * The sample under accounts and meters of this test only (prefixed): other tests of this JVM published the sample
     * itself to the same topics, and the instances started here read those too (and post them, which is not counted).
     */
    static SampleResults renamed(SampleResults s) {
        SampleResults out = new SampleResults();
        out.parties.addAll(s.parties);
        s.meters.forEach(m -> out.meters.add(MeterEvent.newBuilder(m).setServiceAccount(ACCOUNT_PREFIX + m.getServiceAccount())
                .setMeterId(METER_PREFIX + m.getMeterId()).build()));
        s.channels.forEach(c -> out.channels.add(ChannelEvent.newBuilder(c).setMeterId(METER_PREFIX + c.getMeterId()).build()));
        s.results.forEach(r -> out.results.add(ChannelPeriodResult.newBuilder(r).setServiceAccount(ACCOUNT_PREFIX + r.getServiceAccount())
                .setMeterId(METER_PREFIX + r.getMeterId()).build()));
        return out;
    }

    static final String ACCOUNT_PREFIX = "77";
    static final String METER_PREFIX = "SCALE";

    private static boolean ours(ReportRef r) {
        return r.getServiceAccount().startsWith(ACCOUNT_PREFIX);
    }

    private static Set<Integer> stage1Partitions(KafkaStreams streams) {
        return StreamsTasks.activePartitions(streams, Topics.CHANNEL_PERIODS);
    }

    @Test
    void twoInstancesShareThePartitionsAndPostWhatOneInstancePosts(MdmaTestPlatform platform) throws Exception {
        String appId = "mdma-edi-scale-" + UUID.randomUUID();
        Properties pp = platform.kafkaClientProperties();
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        Serializer<SpecificRecord> values = EventSerdes.<SpecificRecord>valueSerde(platform.registryUrl()).serializer();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(pp, new StringSerializer(), values)) {
            sample.parties.forEach(x -> producer.send(new ProducerRecord<>(Topics.PARTIES, x.getPartyId(), x)));
            sample.meters.forEach(x -> producer.send(new ProducerRecord<>(Topics.METERS, x.getMeterId(), x)));
            sample.channels.forEach(x -> producer.send(new ProducerRecord<>(Topics.CHANNELS,
                    Topics.channelKey(x.getMeterId(), x.getChannel()), x)));
            producer.flush();
        }
        Properties c = platform.kafkaClientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "edi-scale-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.putAll(EventSerdes.config(platform.registryUrl()));
        List<DocumentPosted> docs = new ArrayList<>();
        try (KafkaConsumer<String, DocumentPosted> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                EventSerdes.<DocumentPosted>valueSerde(platform.registryUrl()).deserializer());
             KafkaStreams one = EdiOnBroker.start(platform, appId, work.resolve("one"));
             KafkaStreams two = EdiOnBroker.start(platform, appId, work.resolve("two"))) {
            consumer.subscribe(List.of(Topics.EDI_DOCUMENTS));
            Poll.until("both instances running with partitions of stage 1", Duration.ofSeconds(120), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> docs.add(r.value()));
                return one.state() == KafkaStreams.State.RUNNING && two.state() == KafkaStreams.State.RUNNING
                        && !stage1Partitions(one).isEmpty() && !stage1Partitions(two).isEmpty()
                        && consumer.assignment().size() > 0;
            });
            Set<Integer> p1 = stage1Partitions(one);
            Set<Integer> p2 = stage1Partitions(two);
            assertFalse(p1.isEmpty(), "instance one has no partition of stage 1");
            assertFalse(p2.isEmpty(), "instance two has no partition of stage 1");
            assertTrue(Collections.disjoint(p1, p2), p1 + " and " + p2 + " overlap");

            Properties rp = platform.kafkaClientProperties();
            rp.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(rp, new StringSerializer(), values)) {
                sample.results.forEach(x -> producer.send(new ProducerRecord<>(Topics.CHANNEL_PERIODS, x.getServiceAccount(), x)));
                producer.flush();
            }
            Poll.until("the originals and the summary posted to the UDC", Duration.ofSeconds(240), () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> docs.add(r.value()));
                return udcReports(docs) == 17 && docs.stream().anyMatch(d -> d.getReceiverPartyId().equals("SCE")
                        && d.getKind() == MailboxFileKind.SUMMARY
                        && new String(EdiTopologyTest.bytes(d), StandardCharsets.UTF_8).contains(ACCOUNT_PREFIX + "3"));
            });
            assertEquals(17, udcReports(docs), "originals posted to the UDC");
        }

        // both instances posted files to the UDC: the receiver's work is not bound to one task
        Set<Integer> isa13Partitions = new HashSet<>();
        docs.stream().filter(d -> d.getReceiverPartyId().equals("SCE") && d.getKind() == MailboxFileKind.EDI_867
                        && d.getReports().stream().anyMatch(EdiScaleOutTest::ours))
                .forEach(d -> isa13Partitions.add(ControlNumberAllocator.partitionOf(d.getInterchangeControlNumber())));
        assertTrue(isa13Partitions.size() > 1, "the UDC's files came from one partition only: " + isa13Partitions);
        // no control number reused per receiver, report ids unique
        Map<String, Set<Long>> isa13 = new HashMap<>();
        Set<String> reportIds = new HashSet<>();
        for (DocumentPosted d : docs) {
            if (d.getKind() == MailboxFileKind.EDI_867) {
                assertTrue(isa13.computeIfAbsent(d.getReceiverPartyId(), k -> new HashSet<>()).add(d.getInterchangeControlNumber()),
                        "ISA13 " + d.getInterchangeControlNumber() + " reused for " + d.getReceiverPartyId());
                for (ReportRef r : d.getReports()) {
                    assertTrue(reportIds.add(r.getReportId()), "report id " + r.getReportId() + " reused");
                }
            }
        }
        // what one instance posts (TopologyTestDriver, one task): the same transaction sets per receiver and account-period
        assertEquals(oneInstance(), sets(docs));
    }

    private static long udcReports(List<DocumentPosted> docs) {
        return docs.stream().filter(d -> d.getReceiverPartyId().equals("SCE") && d.getKind() == MailboxFileKind.EDI_867)
                .flatMap(d -> d.getReports().stream()).filter(r -> ours(r) && r.getPurpose() == ReportPurpose.ORIGINAL).count();
    }

    /** Receiver + account + period end -> the transaction set's segments, without ST02/SE02, BPT02 and BPT03. */
    static Map<String, String> sets(List<DocumentPosted> docs) {
        Map<String, String> out = new TreeMap<>();
        for (DocumentPosted d : docs) {
            if (d.getKind() != MailboxFileKind.EDI_867) {
                continue;
            }
            String text = new String(EdiTopologyTest.bytes(d), StandardCharsets.UTF_8);
            int i = 0;
            for (ReportRef r : d.getReports()) {
                int st = text.indexOf("ST*867*", i);
                int se = text.indexOf("SE*", st);
                i = text.indexOf('~', se) + 1;
                if (!ours(r)) {
                    continue;
                }
                StringBuilder normalized = new StringBuilder();
                for (String segment : text.substring(st, i).split("~\n?")) {
                    if (segment.startsWith("ST*") || segment.startsWith("SE*")) {
                        continue;
                    }
                    if (segment.startsWith("BPT*")) {
                        String[] e = segment.split("\\*", -1);
                        e[2] = "";
                        e[3] = "";
                        segment = String.join("*", e);
                    }
                    normalized.append(segment).append('~');
                }
                out.merge(d.getReceiverPartyId() + "|" + r.getServiceAccount() + "|" + r.getPeriodEnd() + "|" + r.getPurpose(),
                        normalized.toString(), (a, b) -> a + "\n" + b);
            }
        }
        return out;
    }

    private Map<String, String> oneInstance() {
        try (EdiTestDriver edi = new EdiTestDriver("edi-one", work.resolve("driver"),
                serdes -> EdiTopology.build(serdes, EdiTopology.Settings.defaults()), Instant.now())) {
            edi.masterData(sample);
            edi.send(sample.results);
            return sets(edi.post());
        }
    }
}
