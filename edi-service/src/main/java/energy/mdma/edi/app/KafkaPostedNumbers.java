package energy.mdma.edi.app;

import energy.mdma.edi.topology.PostedNumbers;
import energy.mdma.events.DocumentPosted;
import energy.mdma.kafka.EventDeserializer;
import energy.mdma.events.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@link PostedNumbers} read from mdma.edi.documents (committed records), backwards from each partition's end and only
 * as far as needed. Called only when a task's control-number store has not been restored before (state and changelog
 * lost, or the first start).
 *
 * <p>A stage-1 partition numbers its files from one sequence and posts them in that order (ControlNumberAllocator,
 * PostingRound), and a topic partition keeps its records in the order they were written: the newest document of the
 * range in a topic partition carries the largest ISA13 of the range there. So each topic partition is read in windows
 * from its end towards its beginning (256 records, doubling up to 65,536) and no further than the window holding the
 * range's newest document: the cost grows with the recent traffic, not with the years held. Report ids are given
 * when a round is planned, before its files are numbered, so the newest file need not carry the round's largest
 * report id: the counter continues {@value #REPORT_IDS_SKIPPED} above the largest one read (a round posts at most
 * 20,000 account-periods, each at most a cancellation and an original per receiver; the counter has 10 digits).
 *
 * <p>A failure (broker or registry away) fails the task, which is retried: nothing is numbered before the posted
 * numbers are known.
 */
final class KafkaPostedNumbers implements PostedNumbers {
    private static final Logger LOG = Logger.getLogger(KafkaPostedNumbers.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    static final int FIRST_WINDOW = 256;
    static final int LARGEST_WINDOW = 65_536;
    static final long REPORT_IDS_SKIPPED = 1_000_000;

    private final Properties consumerProps;
    private final String registryUrl;
    private final String topic;
    private long recordsRead;

    /** @param consumerProps bootstrap.servers and the SASL settings of edi's principal */
    KafkaPostedNumbers(Properties consumerProps, String registryUrl) {
        this(consumerProps, registryUrl, Topics.EDI_DOCUMENTS);
    }

    KafkaPostedNumbers(Properties consumerProps, String registryUrl, String topic) {
        this.consumerProps = consumerProps;
        this.registryUrl = registryUrl;
        this.topic = topic;
    }

    /** How many records the last {@link #of} read. */
    long recordsRead() {
        return recordsRead;
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
        long deadline = start + TIMEOUT.toNanos();
        recordsRead = 0;
        try (KafkaConsumer<String, Object> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new EventDeserializer(registryUrl))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo pi : c.partitionsFor(topic, Duration.ofSeconds(60))) {
                parts.add(new TopicPartition(pi.topic(), pi.partition()));
            }
            Map<TopicPartition, Long> beginning = c.beginningOffsets(parts, Duration.ofSeconds(60));
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(60));
            for (TopicPartition tp : parts) {
                long to = end.get(tp);
                long first = beginning.get(tp);
                long window = FIRST_WINDOW;
                boolean found = false;
                while (!found && to > first) {
                    long from = Math.max(first, to - window);
                    found = readWindow(c, tp, from, to, acc, deadline, partition);
                    to = from;
                    window = Math.min(LARGEST_WINDOW, window * 2);
                }
            }
        }
        Last read = acc.last();
        Last last = read.reportSequence() > 0
                ? new Last(read.controlNumbers(), read.reportSequence() + REPORT_IDS_SKIPPED) : read;
        LOG.infof("edi partition %d: read %d posted documents backwards in %d ms to continue the numbering (last ISA13 "
                + "%d, report counter from %d)", partition, recordsRead, (System.nanoTime() - start) / 1_000_000,
                last.controlNumbers().values().stream().mapToLong(Long::longValue).max().orElse(0),
                last.reportSequence());
        return last;
    }

    /** Reads [from, to) of one partition; whether it held a document of the range. */
    private boolean readWindow(KafkaConsumer<String, Object> c, TopicPartition tp, long from, long to,
                               PostedNumbers.Accumulator acc, long deadline, int partition) {
        c.assign(List.of(tp));
        c.seek(tp, from);
        boolean found = false;
        while (c.position(tp) < to) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " within " + TIMEOUT + " to restore the "
                        + "control numbers of partition " + partition + "; nothing is numbered until it can (check the "
                        + "broker and the registry)");
            }
            for (ConsumerRecord<String, Object> r : c.poll(Duration.ofMillis(500))) {
                if (r.offset() >= to) {
                    break;
                }
                recordsRead++;
                if (r.value() instanceof DocumentPosted d && acc.add(d)) {
                    found = true;
                }
            }
        }
        return found;
    }
}
