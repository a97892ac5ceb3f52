package energy.mdma.vee.topology;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.ManualEdit;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.RegisterReading;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.ScheduleKey;
import energy.mdma.kafka.EventTopics;
import energy.mdma.kafka.SerdeFactory;
import energy.mdma.kafka.Topic;
import energy.mdma.vee.model.VeeParameterCatalog;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

/**
 * vee's topology in a TopologyTestDriver (plain binary serdes, default parameters, punctuations timed by a clock that
 * stands still) with its topics: the set-up the topology tests share.
 */
class VeeTestDriver implements AutoCloseable {
    final TopologyTestDriver driver;
    final TestInputTopic<String, MeterEvent> meters;
    final TestInputTopic<String, ChannelEvent> channels;
    final TestInputTopic<String, ScheduledReadDate> schedules;
    final TestInputTopic<String, IntervalBlock> intervals;
    final TestInputTopic<String, RegisterReading> registers;
    final TestInputTopic<String, ManualEdit> edits;
    final TestOutputTopic<String, ChannelPeriodResult> results;
    final TestOutputTopic<String, VeeException> exceptions;

    VeeTestDriver(String applicationId, Path stateDir, VeeTopology.Settings settings, Instant start) {
        this(applicationId, stateDir, settings, start, new Properties());
    }

    /** @param config more Streams settings (e.g. the processing guarantee) */
    VeeTestDriver(String applicationId, Path stateDir, VeeTopology.Settings settings, Instant start,
                  Properties config) {
        Properties p = new Properties();
        p.putAll(config);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        SerdeFactory serdes = SerdeFactory.binary();
        EventTopics topics = new EventTopics(serdes);
        driver = new TopologyTestDriver(VeeTopology.build(serdes, VeeParameterCatalog.defaultsOnly(), settings,
                () -> 0L), p, start);
        meters = input(topics.meters);
        channels = input(topics.channels);
        schedules = input(topics.schedules);
        intervals = input(topics.intervals);
        registers = input(topics.registers);
        edits = input(topics.edits);
        results = output(topics.channelPeriods);
        exceptions = output(topics.veeExceptions);
    }

    /** The read dates of a cycle, as file {@code fileId} (null: none) carries them. */
    void schedule(String cycle, List<LocalDate> readDates, String fileId) {
        for (LocalDate r : readDates) {
            schedules.pipeInput(new ScheduleKey(cycle, r).format(), ScheduledReadDate.newBuilder().setReadCycle(cycle)
                    .setReadDate(r).setSourceFileId(fileId).build());
        }
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> t) {
        return driver.createInputTopic(t.name(), t.keySerde().serializer(), t.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> t) {
        return driver.createOutputTopic(t.name(), t.keySerde().deserializer(), t.valueSerde().deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
