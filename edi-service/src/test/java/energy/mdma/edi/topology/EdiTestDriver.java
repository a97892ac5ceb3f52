package energy.mdma.edi.topology;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.kafka.Topics;
import energy.mdma.kafka.EventTopics;
import energy.mdma.kafka.SerdeFactory;
import energy.mdma.kafka.Topic;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/**
 * edi's whole topology in a TopologyTestDriver (plain binary serdes, punctuations timed by the driver's wall clock)
 * with its topics: the set-up the topology tests share.
 */
class EdiTestDriver implements AutoCloseable {
    /** Where the wall clock starts unless a test says otherwise. */
    static final Instant START = Instant.parse("2026-02-01T08:00:00Z");
    /** The wall clock of one posting round. */
    static final Duration ROUND = Duration.ofSeconds(3);
    /** Posting rounds enough for the originals and then the summaries (their rows quiet). */
    static final int ROUNDS = 5;

    final SerdeFactory serdes = SerdeFactory.binary();
    final EventTopics topics = new EventTopics(serdes);
    final TopologyTestDriver driver;
    final TestInputTopic<String, PartyEvent> parties;
    final TestInputTopic<String, MeterEvent> meters;
    final TestInputTopic<String, ChannelEvent> channels;
    final TestInputTopic<String, ChannelPeriodResult> results;
    final TestOutputTopic<String, DocumentPosted> documents;

    /** edi with {@code settings} (the default horizon, no posted numbers). */
    EdiTestDriver(String applicationId, Path stateDir, EdiTopology.Settings settings) {
        this(applicationId, stateDir, s -> EdiTopology.build(s, settings));
    }

    /** edi with the default settings and {@code horizon} (no posted numbers). */
    EdiTestDriver(String applicationId, Path stateDir, EdiTopology.Horizon horizon) {
        this(applicationId, stateDir, s -> EdiTopology.build(s, EdiTopology.Settings.defaults(), horizon));
    }

    /** @param topology edi's topology built with the serdes given (e.g. one of the {@code EdiTopology.build}s) */
    EdiTestDriver(String applicationId, Path stateDir, Function<SerdeFactory, Topology> topology) {
        this(applicationId, stateDir, topology, START);
    }

    /** @param start where the wall clock starts */
    EdiTestDriver(String applicationId, Path stateDir, Function<SerdeFactory, Topology> topology, Instant start) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology.apply(serdes), p, start);
        parties = input(topics.parties);
        meters = input(topics.meters);
        channels = input(topics.channels);
        results = input(topics.channelPeriods);
        documents = output(topics.postedDocuments);
    }

    /** The sample's parties, meters and channels. */
    void masterData(SampleResults sample) {
        sample.parties.forEach(x -> parties.pipeInput(x.getPartyId(), x));
        sample.meters.forEach(x -> meters.pipeInput(x.getMeterId(), x));
        sample.channels.forEach(x -> channels.pipeInput(Topics.channelKey(x.getMeterId(), x.getChannel()), x));
    }

    /** VEE results, each under its account. */
    void send(List<ChannelPeriodResult> rs) {
        rs.forEach(r -> results.pipeInput(r.getServiceAccount(), r));
    }

    /**
     * A result of another account ({@code 9999999999}, its meters unknown: a copy of the sample's first with data)
     * for {@code periodStart} to {@code periodEnd}: the newest period end with data, and so the horizon, moves there.
     */
    void sendNewerPeriod(SampleResults sample, LocalDate periodStart, LocalDate periodEnd) {
        ChannelPeriodResult newer = sample.results.stream().filter(r -> r.getIntervalsActual() > 0).findFirst()
                .orElseThrow();
        results.pipeInput("9999999999", ChannelPeriodResult.newBuilder(newer).setServiceAccount("9999999999")
                .setPeriodStart(periodStart).setPeriodEnd(periodEnd).build());
    }

    /** One posting round ({@link #ROUND} of wall clock). */
    void round() {
        driver.advanceWallClockTime(ROUND);
    }

    /** {@link #ROUNDS} posting rounds: the originals, then the summaries once their rows are quiet. */
    void rounds() {
        for (int i = 0; i < ROUNDS; i++) {
            round();
        }
    }

    /** {@link #rounds()}, then what was posted since last read. */
    List<DocumentPosted> post() {
        rounds();
        return documents.readValuesToList();
    }

    /** Another topic to write (e.g. raw bytes to an input topic). */
    <K, V> TestInputTopic<K, V> input(Topic<K, V> t) {
        return driver.createInputTopic(t.name(), t.keySerde().serializer(), t.valueSerde().serializer());
    }

    /** Another topic to read (e.g. the dead letters). */
    <K, V> TestOutputTopic<K, V> output(Topic<K, V> t) {
        return driver.createOutputTopic(t.name(), t.keySerde().deserializer(), t.valueSerde().deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
