package energy.mdma.platform.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Per-topic sums of the lag tool: missing, duplicated, and Streams repartition topics purged on the primary. */
class ReplicationLagTest {

    @Test
    void sumsPartitionsPerTopicAndDoesNotCallPurgedRepartitionRecordsDuplicates() {
        Map<TopicPartition, Long> primary = Map.of(
                new TopicPartition("mdma.edi.documents", 0), 10L,
                new TopicPartition("mdma.edi.documents", 1), 5L,
                new TopicPartition("mdma.audit", 0), 3L,
                new TopicPartition("mdma-edi-summary-rows-repartition", 0), 0L,
                new TopicPartition("mdma.notices", 0), 2L);
        Map<TopicPartition, Long> dr = Map.of(
                new TopicPartition("mdma.edi.documents", 0), 10L,
                new TopicPartition("mdma.edi.documents", 1), 3L,
                new TopicPartition("mdma.audit", 0), 4L,
                new TopicPartition("mdma-edi-summary-rows-repartition", 0), 50L);
        List<ReplicationLag.TopicLag> lags = ReplicationLag.byTopic(primary, dr);
        Map<String, ReplicationLag.TopicLag> byName = new java.util.HashMap<>();
        lags.forEach(l -> byName.put(l.topic(), l));
        assertEquals(2, byName.get("mdma.edi.documents").missing());
        assertEquals(1, byName.get("mdma.audit").extra(), "one more on the second site: duplicated");
        assertEquals(0, byName.get("mdma-edi-summary-rows-repartition").extra(), "purged on the primary by Streams");
        assertEquals(2, byName.get("mdma.notices").missing(), "a topic the second site lacks: all missing");
        assertEquals(4, lags.stream().mapToLong(ReplicationLag.TopicLag::missing).sum());
        assertEquals(1, lags.stream().mapToLong(ReplicationLag.TopicLag::extra).sum());
    }
}
