package energy.mdma.edi.app;

import energy.mdma.edi.topology.PostedNumbers;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.kafka.EventDeserializer;
import energy.mdma.events.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@link PostedNumbers} read from mdma.edi.documents (committed records, from the beginning to the end at the time of
 * the call). Called only when a task's control-number store has not been restored before (state lost, or the first
 * start): it reads the whole topic, which takes a while on a large one. A failure (broker or registry away) fails the
 * task, which is retried: nothing is numbered before the posted numbers are known.
 */
final class KafkaPostedNumbers implements PostedNumbers {
    private static final Logger LOG = Logger.getLogger(KafkaPostedNumbers.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Properties consumerProps;
    private final String registryUrl;

    /** @param consumerProps bootstrap.servers and the SASL settings of edi's principal */
    KafkaPostedNumbers(Properties consumerProps, String registryUrl) {
        this.consumerProps = consumerProps;
        this.registryUrl = registryUrl;
    }

    @Override
    public Last of(int partition, String reportIdPrefix) {
        Properties p = new Properties();
        p.putAll(consumerProps);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("client.id", "mdma-edi-posted-numbers-" + partition);
        p.put("max.partition.fetch.bytes", "16777216");
        p.remove("group.id");
        PostedNumbers.Accumulator acc = new PostedNumbers.Accumulator(partition, reportIdPrefix);
        long start = System.nanoTime();
        long read = 0;
        try (KafkaConsumer<String, Object> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new EventDeserializer(registryUrl))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo pi : c.partitionsFor(Topics.EDI_DOCUMENTS, Duration.ofSeconds(60))) {
                parts.add(new TopicPartition(pi.topic(), pi.partition()));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(parts, Duration.ofSeconds(60)));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
                if (end.isEmpty()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.EDI_DOCUMENTS + " to its end within "
                            + TIMEOUT + " to restore the control numbers of partition " + partition
                            + "; nothing is numbered until it can (check the broker and the registry)");
                }
                for (ConsumerRecord<String, Object> r : c.poll(Duration.ofMillis(500))) {
                    if (r.value() instanceof DocumentPosted d) {
                        acc.add(d);
                    }
                    read++;
                }
            }
        }
        Last last = acc.last();
        LOG.infof("edi partition %d: read %d posted documents in %d ms to continue the numbering (%d receivers, last "
                + "report %d)", partition, read, (System.nanoTime() - start) / 1_000_000, last.controlNumbers().size(),
                last.reportSequence());
        return last;
    }
}
