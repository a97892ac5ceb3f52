package energy.mdma.ingest.kafka;

import energy.mdma.events.FileReceived;
import energy.mdma.events.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Whether a file's transaction was committed, from the event log itself: its FileReceived event at a known partition
 * and offset of mdma.files.received is visible to a read_committed reader if and only if the transaction committed.
 * Used when a file's report was not saved after its commit (a crash between the two), so that a retry does not publish
 * the file again.
 */
public interface PublishedFiles {

    /**
     * @return true when the FileReceived of {@code fileId} at that place was committed, false when its transaction was
     * aborted, empty when that cannot be told yet (the transaction still open, Kafka away)
     */
    Optional<Boolean> committed(String fileId, int partition, long offset);

    /** Reads mdma.files.received with a consumer of {@code consumerProps} (read_committed). */
    static PublishedFiles kafka(Properties consumerProps, Supplier<Deserializer<Object>> values, Duration timeout) {
        return (fileId, partition, offset) -> {
            Properties p = new Properties();
            p.putAll(consumerProps);
            p.put("isolation.level", "read_committed");
            p.put("enable.auto.commit", "false");
            p.put("max.poll.records", "50");
            p.remove("group.id");
            TopicPartition tp = new TopicPartition(Topics.FILES_RECEIVED, partition);
            try (KafkaConsumer<String, Object> c = new KafkaConsumer<>(p, new StringDeserializer(), values.get())) {
                c.assign(List.of(tp));
                c.seek(tp, offset);
                long deadline = System.nanoTime() + timeout.toNanos();
                while (System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, Object> r : c.poll(Duration.ofMillis(200))) {
                        if (r.offset() == offset) {
                            return Optional.of(fileId.equals(r.key()) && r.value() instanceof FileReceived f
                                    && fileId.equals(f.getFileId()));
                        }
                        if (r.offset() > offset) {
                            return Optional.of(false); // skipped: aborted
                        }
                    }
                    if (c.position(tp) > offset) {
                        return Optional.of(false); // passed without it: aborted
                    }
                }
                return Optional.empty();
            } catch (RuntimeException e) {
                Logger.getLogger(PublishedFiles.class).warnf("cannot tell whether file %s was "
                        + "committed (%s partition %d offset %d): %s", fileId, Topics.FILES_RECEIVED, partition, offset, e);
                return Optional.empty();
            }
        };
    }
}
