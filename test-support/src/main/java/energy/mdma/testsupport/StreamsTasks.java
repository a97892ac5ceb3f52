package energy.mdma.testsupport;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

import java.util.HashSet;
import java.util.Set;

/** What a Kafka Streams instance works on, for the scale-out tests of the Streams services. */
public final class StreamsTasks {
    private StreamsTasks() {
    }

    /** The partitions of {@code topic} among the instance's active tasks (empty before it has any). */
    public static Set<Integer> activePartitions(KafkaStreams streams, String topic) {
        Set<Integer> partitions = new HashSet<>();
        for (ThreadMetadata t : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : t.activeTasks()) {
                task.topicPartitions().stream().filter(tp -> tp.topic().equals(topic))
                        .forEach(tp -> partitions.add(tp.partition()));
            }
        }
        return partitions;
    }
}
