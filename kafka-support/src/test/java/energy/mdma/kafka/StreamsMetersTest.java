package energy.mdma.kafka;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilterReply;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which Kafka meters the services expose: those of the client, its threads and tasks, none per store or partition. */
class StreamsMetersTest {

    private static MeterFilterReply reply(String name, String... tags) {
        return StreamsMeters.PER_INSTANCE_ONLY.accept(new Meter.Id(name, Tags.of(tags), null, null, Meter.Type.GAUGE));
    }

    @Test
    void keepsWhatTheOperatorsWatch() {
        String thread = "mdma-edi-1-StreamThread-1";
        assertEquals(MeterFilterReply.NEUTRAL, reply("kafka.stream.thread.process.rate", "thread.id", thread));
        assertEquals(MeterFilterReply.NEUTRAL, reply("kafka.stream.thread.commit.latency.avg", "thread.id", thread));
        assertEquals(MeterFilterReply.NEUTRAL, reply("kafka.stream.state.updater.restore.records.rate",
                "thread.id", "mdma-edi-1-StateUpdater-1"));
        assertEquals(MeterFilterReply.NEUTRAL, reply("kafka.stream.task.restore.total", "thread.id", thread,
                "task.id", "0_1"));
        assertEquals(MeterFilterReply.NEUTRAL, reply("kafka.consumer.poll.idle.ratio.avg", "client.id", "c"));
        assertEquals(MeterFilterReply.NEUTRAL, reply("jvm.memory.used", "area", "heap", "id", "eden"));
        // not Kafka's: a tag named as Kafka's does not matter
        assertEquals(MeterFilterReply.NEUTRAL, reply("mdma.ingest.rows", "topic", "t"));
    }

    @Test
    void deniesTheMetersPerStoreProcessorTopicPartitionAndBroker() {
        assertEquals(MeterFilterReply.DENY, reply("kafka.stream.state.put.rate", "thread.id", "t", "task.id", "0_1",
                "rocksdb.state.id", "edi-sent-account-periods"));
        assertEquals(MeterFilterReply.DENY, reply("kafka.stream.state.put.rate", "thread.id", "t", "task.id", "0_1",
                "in.memory.state.id", "s"));
        assertEquals(MeterFilterReply.DENY, reply("kafka.stream.processor.node.record.e2e.latency.avg",
                "thread.id", "t", "task.id", "0_1", "processor.node.id", "KSTREAM-SOURCE-0000000000"));
        assertEquals(MeterFilterReply.DENY, reply("kafka.stream.record.cache.hit.ratio.avg", "thread.id", "t",
                "task.id", "0_1", "record.cache.id", "c"));
        assertEquals(MeterFilterReply.DENY, reply("kafka.producer.topic.record.send.rate", "client.id", "p",
                "topic", "mdma.edi.documents"));
        assertEquals(MeterFilterReply.DENY, reply("kafka.consumer.fetch.manager.records.lag", "client.id", "c",
                "topic", "mdma.vee.channel-periods", "partition", "3"));
        assertEquals(MeterFilterReply.DENY, reply("kafka.consumer.node.request.rate", "client.id", "c",
                "node.id", "node-1"));
    }
}
