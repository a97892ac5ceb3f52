package energy.mdma.bench;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.events.PeriodState;
import energy.mdma.events.RawUnit;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import energy.mdma.events.Uom;
import energy.mdma.events.kafka.EventSerdes;
import energy.mdma.events.kafka.Topics;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./mdma bench}: end-to-end throughput of the running stack, head-end interval block to 867 posted,
 * beside the raw Kafka passthrough of the same events on the same machine.
 *
 * <ol>
 * <li>Generates master data (the UDC and an ESP, {@code meters} one-channel 15-minute meters, one service
 * account each, a read cycle whose periods close within the generated days) and publishes it to
 * mdma.parties / meters / channels / schedules through the registry serdes; waits {@code --settle} seconds
 * so that the services' global tables have it.</li>
 * <li>Publishes one {@link IntervalBlock} per channel-day (key {@code meterId:channel}, value scale 6) to
 * mdma.readings.intervals and measures the time from the first block sent until mdma.edi.documents
 * (read_committed) holds the UDC's ORIGINAL 867 reports of every generated account-period: interval reads
 * per second end to end. The VEE hop's share is shown too (all channel-periods COMPLETE on
 * mdma.vee.channel-periods).</li>
 * <li>The passthrough: the same serialized blocks published to a scratch topic and copied, by a plain
 * exactly-once consume-produce loop (transactions, read_committed, offsets in the transaction), to a second
 * scratch topic; measured the same way (first record sent until all are readable committed at the end).</li>
 * </ol>
 * The blocks are serialized before the clock starts (the head-end's work, not the platform's).
 */
public final class MdmaBench {
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final int IM = 15;

    // options
    int meters = 4000;
    int days = 25;
    int periodDays = 30;
    String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    String registry = System.getenv().getOrDefault("APICURIO_REGISTRY_URL", "http://localhost:8081/apis/registry/v2");
    String udcId = "SCE";
    String espId = "ESPBENCH";
    int settleSeconds = 5;
    int timeoutSeconds = 1800;
    boolean e2e = true;
    boolean passthrough = true;

    // generated
    final String runId = Long.toString(System.currentTimeMillis() / 1000, 36).toUpperCase(Locale.ROOT);
    LocalDate start;
    final List<LocalDate> readDates = new ArrayList<>();
    int periodsPerMeter;
    final List<byte[]> keys = new ArrayList<>();
    final List<byte[]> blocks = new ArrayList<>();
    long reads;

    public static void main(String[] args) throws Exception {
        // the clients' INFO lines would bury the figures (slf4j-simple; -Dorg.slf4j.simpleLogger.defaultLogLevel=info)
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        MdmaBench b = new MdmaBench();
        if (!b.parse(args)) {
            return;
        }
        b.run();
        System.exit(0);
    }

    private boolean parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--meters" -> meters = Integer.parseInt(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--period-days" -> periodDays = Integer.parseInt(args[++i]);
                case "--bootstrap" -> bootstrap = args[++i];
                case "--registry" -> registry = args[++i];
                case "--udc" -> udcId = args[++i];
                case "--esp" -> espId = args[++i];
                case "--settle" -> settleSeconds = Integer.parseInt(args[++i]);
                case "--timeout" -> timeoutSeconds = Integer.parseInt(args[++i]);
                case "--no-passthrough" -> passthrough = false;
                case "--passthrough-only" -> e2e = false;
                case "-h", "--help" -> {
                    usage();
                    return false;
                }
                default -> {
                    System.err.println("unknown argument: " + a);
                    usage();
                    System.exit(2);
                }
            }
        }
        if (meters < 1 || days < 1 || periodDays < 1) {
            throw new IllegalArgumentException("--meters, --days and --period-days must be positive");
        }
        return true;
    }

    private static void usage() {
        System.out.println("""
                usage: ./mdma bench [--meters N] [--days D] [--period-days P] [--bootstrap HOST:PORT] [--registry URL]
                                    [--udc ID] [--esp ID] [--settle S] [--timeout S] [--no-passthrough | --passthrough-only]
                  N one-channel 15-minute meters (default 4000) x D local days (default 25) = channel-days, one block each;
                  read dates every P days (default 30, at most D) from the first day, so that floor(D/P) periods per meter close.
                  Needs the stack of ./mdma up (broker, registry, vee and edi services) for the end-to-end part.""");
    }

    void run() throws Exception {
        generate();
        System.out.printf(Locale.ROOT, "bench %s: %d meters x %d days = %,d channel-days (blocks), %,d interval reads; "
                        + "%d read period(s) per meter (%s .. %s); broker %s, registry %s%n", runId, meters, days,
                (long) meters * days, reads, periodsPerMeter, readDates.get(0), readDates.get(readDates.size() - 1),
                bootstrap, registry);
        Double e2eRate = null;
        Double ptRate = null;
        if (e2e) {
            e2eRate = endToEnd();
        }
        if (passthrough) {
            ptRate = passthrough();
        }
        System.out.println();
        System.out.println("=== result ===");
        if (e2eRate != null) {
            System.out.printf(Locale.ROOT, "end to end (block published -> 867 posted): %,.0f interval reads/s%n", e2eRate);
        }
        if (ptRate != null) {
            System.out.printf(Locale.ROOT, "raw Kafka passthrough (EOS consume-produce):  %,.0f interval reads/s%n", ptRate);
        }
        if (e2eRate != null && ptRate != null) {
            System.out.printf(Locale.ROOT, "ratio end to end / passthrough: %.3f%n", e2eRate / ptRate);
        }
    }

    // ------------------------------------------------------------------ data

    String meterId(int m) {
        return String.format(Locale.ROOT, "BM%s%06d", runId, m);
    }

    String account(int m) {
        return String.format(Locale.ROOT, "BS%s%06d", runId, m);
    }

    String cycle() {
        return "BC" + runId;
    }

    /** Serializes every channel-day block up front (registry wire format), checked against the registry serializer. */
    void generate() {
        int p = Math.min(periodDays, days);
        start = LocalDate.now(ZONE).minusDays(days + 2L);
        for (int k = 0; k * p <= days; k++) {
            readDates.add(start.plusDays((long) k * p));
        }
        periodsPerMeter = readDates.size() - 1;
        Serializer<IntervalBlock> registrySerializer = EventSerdes.<IntervalBlock>valueSerde(registry).serializer();
        byte[] header = null;
        long t0 = System.nanoTime();
        long seq = 0;
        long receivedAt = System.currentTimeMillis();
        for (int d = 0; d < days; d++) {
            LocalDate day = start.plusDays(d);
            long dayStart = day.atStartOfDay(ZONE).toInstant().toEpochMilli();
            long dayEnd = day.plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli();
            int n = (int) ((dayEnd - dayStart) / (IM * 60_000L));
            long[] values = new long[n];
            for (int m = 0; m < meters; m++) {
                for (int k = 0; k < n; k++) {
                    // 0.1 .. 0.6 kWh per interval, fixed point scale 6
                    values[k] = 100_000 + ((m * 7919L + k * 104_729L + d * 13L) % 500_000);
                }
                String meterId = meterId(m);
                long first = dayStart + IM * 60_000L;
                if (header == null) {
                    // the registry serializer once (registers the schema); the rest in the same wire format, checked here
                    IntervalBlock block = block(meterId, first, values, seq, receivedAt);
                    RecordHeaders h = new RecordHeaders();
                    byte[] viaRegistry = registrySerializer.serialize(Topics.INTERVALS, h, block);
                    header = Arrays.copyOf(viaRegistry, 5);
                    byte[] mine = encode(header, meterId, first, values, seq, receivedAt);
                    if (h.toArray().length != 0 || viaRegistry[0] != 0 || !Arrays.equals(viaRegistry, mine)) {
                        throw new IllegalStateException("the block encoding differs from the registry serializer's");
                    }
                }
                keys.add((meterId + ":1").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                blocks.add(encode(header, meterId, first, values, seq++, receivedAt));
                reads += n;
            }
        }
        System.out.printf(Locale.ROOT, "generated and serialized %,d blocks in %.1f s%n", blocks.size(),
                (System.nanoTime() - t0) / 1e9);
    }

    private IntervalBlock block(String meterId, long first, long[] values, long seq, long receivedAt) {
        List<Long> v = new ArrayList<>(values.length);
        List<Integer> s = new ArrayList<>(values.length);
        for (long x : values) {
            v.add(x);
            s.add(0);
        }
        return IntervalBlock.newBuilder().setMeterId(meterId).setChannel(1).setIntervalMinutes(IM)
                .setFirstIntervalEnd(Instant.ofEpochMilli(first)).setValueScale(6).setValues(v).setStatuses(s)
                .setSource(source(seq, receivedAt)).setHeadEndId(null).setHeadEndSequence(null).build();
    }

    private Source source(long seq, long receivedAt) {
        return Source.newBuilder().setType(SourceType.HEADEND).setId("bench-" + runId).setSequence(seq)
                .setReceivedAt(Instant.ofEpochMilli(receivedAt)).build();
    }

    /** Avro binary of an IntervalBlock (field order of Readings.avsc) after the 5-byte registry header. */
    private byte[] encode(byte[] header, String meterId, long first, long[] values, long seq, long receivedAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + values.length * 5);
        out.write(header, 0, header.length);
        BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            e.writeString(meterId);
            e.writeInt(1);
            e.writeInt(IM);
            e.writeLong(first);
            e.writeInt(6);
            e.writeArrayStart();
            e.setItemCount(values.length);
            for (long v : values) {
                e.startItem();
                e.writeLong(v);
            }
            e.writeArrayEnd();
            e.writeArrayStart();
            e.setItemCount(values.length);
            for (int i = 0; i < values.length; i++) {
                e.startItem();
                e.writeInt(0);
            }
            e.writeArrayEnd();
            e.writeEnum(SourceType.HEADEND.ordinal());
            e.writeString("bench-" + runId);
            e.writeLong(seq);
            e.writeLong(receivedAt);
            e.writeIndex(0); // headEndId: null
            e.writeIndex(0); // headEndSequence: null
            e.flush();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ end to end

    double endToEnd() throws Exception {
        Serializer<SpecificRecord> values = EventSerdes.<SpecificRecord>valueSerde(registry).serializer();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                values)) {
            Instant now = Instant.now();
            producer.send(new ProducerRecord<>(Topics.PARTIES, udcId, PartyEvent.newBuilder().setPartyId(udcId)
                    .setRole(PartyRole.UDC).setName("Southern California Edison").setDuns("375040116")
                    .setChangedBy("bench").setChangedAt(now).build()));
            producer.send(new ProducerRecord<>(Topics.PARTIES, espId, PartyEvent.newBuilder().setPartyId(espId)
                    .setRole(PartyRole.ESP).setName("Bench Energy Services").setDuns("958214165")
                    .setChangedBy("bench").setChangedAt(now).build()));
            for (LocalDate r : readDates) {
                producer.send(new ProducerRecord<>(Topics.SCHEDULES, cycle() + ":" + r,
                        ScheduledReadDate.newBuilder().setReadCycle(cycle()).setReadDate(r).build()));
            }
            for (int m = 0; m < meters; m++) {
                String meterId = meterId(m);
                producer.send(new ProducerRecord<>(Topics.METERS, meterId, MeterEvent.newBuilder().setMeterId(meterId)
                        .setServiceAccount(account(m)).setUdcId(udcId).setEspId(espId)
                        .setCustomerName("Bench customer " + m).setReadCycle(cycle()).setIntervalMinutes(IM).setDials(5)
                        .setMeterMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build()).build()));
                producer.send(new ProducerRecord<>(Topics.CHANNELS, Topics.channelKey(meterId, 1), ChannelEvent.newBuilder()
                        .setMeterId(meterId).setChannel(1).setUom(Uom.KWH).setRawUnit(RawUnit.UNIT)
                        .setPulseMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build())
                        .setMaxPulsesPerInterval(0).build()));
            }
            producer.flush();
        }
        System.out.printf(Locale.ROOT, "published master data (parties %s, %s; %d meters, channels; cycle %s); "
                + "waiting %d s for the services' global tables%n", udcId, espId, meters, cycle(), settleSeconds);
        Thread.sleep(settleSeconds * 1000L);

        long expectedReports = (long) meters * periodsPerMeter;
        String accountPrefix = "BS" + runId;
        String meterPrefix = "BM" + runId;
        Deserializer<SpecificRecord> des = EventSerdes.<SpecificRecord>valueSerde(registry).deserializer();
        try (KafkaConsumer<String, SpecificRecord> docs = atEnd(Topics.EDI_DOCUMENTS, des);
             KafkaConsumer<String, SpecificRecord> results = atEnd(Topics.CHANNEL_PERIODS, des);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            long t0 = System.nanoTime();
            for (int i = 0; i < blocks.size(); i++) {
                producer.send(new ProducerRecord<>(Topics.INTERVALS, keys.get(i), blocks.get(i)));
            }
            producer.flush();
            long published = System.nanoTime();
            System.out.printf(Locale.ROOT, "published %,d blocks in %.1f s (%,.0f reads/s)%n", blocks.size(),
                    (published - t0) / 1e9, reads / ((published - t0) / 1e9));
            Set<String> complete = new HashSet<>();
            Set<String> originals = new HashSet<>();
            long veeDone = 0;
            long lastReport = System.nanoTime();
            long deadline = t0 + Duration.ofSeconds(timeoutSeconds).toNanos();
            while (originals.size() < expectedReports && System.nanoTime() < deadline) {
                if (veeDone == 0) {
                    for (ConsumerRecord<String, SpecificRecord> r : results.poll(Duration.ofMillis(50))) {
                        if (r.value() instanceof ChannelPeriodResult c && c.getMeterId().startsWith(meterPrefix)
                                && c.getState() == PeriodState.COMPLETE) {
                            complete.add(c.getMeterId() + "|" + c.getPeriodEnd());
                        }
                    }
                    if (complete.size() >= expectedReports) {
                        veeDone = System.nanoTime();
                        System.out.printf(Locale.ROOT, "  vee: all %,d channel-periods COMPLETE on %s after %.1f s%n",
                                expectedReports, Topics.CHANNEL_PERIODS, (veeDone - t0) / 1e9);
                    }
                }
                for (ConsumerRecord<String, SpecificRecord> r : docs.poll(Duration.ofMillis(200))) {
                    if (r.value() instanceof DocumentPosted d && d.getReceiverPartyId().equals(udcId)
                            && d.getKind() == MailboxFileKind.EDI_867) {
                        for (ReportRef ref : d.getReports()) {
                            if (ref.getPurpose() == ReportPurpose.ORIGINAL && ref.getServiceAccount().startsWith(accountPrefix)) {
                                originals.add(ref.getServiceAccount() + "|" + ref.getPeriodEnd());
                            }
                        }
                    }
                }
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf(Locale.ROOT, "  ... %.0f s: %,d/%d channel-periods complete, %,d/%d account-periods "
                                    + "posted (867 ORIGINAL to %s)%n", (lastReport - t0) / 1e9, complete.size(),
                            expectedReports, originals.size(), expectedReports, udcId);
                }
            }
            long end = System.nanoTime();
            if (originals.size() < expectedReports) {
                System.out.printf(Locale.ROOT, "TIMEOUT after %d s: %,d of %,d account-periods posted to %s "
                                + "(%,d channel-periods complete). Are the vee and edi services running (./mdma status)?%n",
                        timeoutSeconds, originals.size(), expectedReports, udcId, complete.size());
                return Double.NaN;
            }
            double s = (end - t0) / 1e9;
            double rate = reads / s;
            System.out.printf(Locale.ROOT, "end to end: %,d account-periods posted as 867 ORIGINAL to %s after %.1f s = "
                    + "%,.0f interval reads/s (%,.0f channel-days/s)%n", expectedReports, udcId, s, rate, blocks.size() / s);
            if (veeDone != 0) {
                double v = (veeDone - t0) / 1e9;
                System.out.printf(Locale.ROOT, "  of which vee (published -> results complete): %.1f s = %,.0f reads/s; "
                        + "edi after it: %.1f s%n", v, reads / v, s - v);
            }
            return rate;
        }
    }

    private <V> KafkaConsumer<String, V> atEnd(String topic, Deserializer<V> values) {
        Properties p = consumerProps();
        KafkaConsumer<String, V> c = new KafkaConsumer<>(p, new StringDeserializer(), values);
        List<TopicPartition> tps = new ArrayList<>();
        for (PartitionInfo i : c.partitionsFor(topic)) {
            tps.add(new TopicPartition(topic, i.partition()));
        }
        c.assign(tps);
        c.seekToEnd(tps);
        tps.forEach(c::position);
        return c;
    }

    // ------------------------------------------------------------------ passthrough

    double passthrough() throws Exception {
        String in = "mdma.bench.passthrough-in-" + runId;
        String out = "mdma.bench.passthrough-out-" + runId;
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(ap)) {
            int partitions = admin.describeTopics(List.of(Topics.INTERVALS)).allTopicNames().get()
                    .get(Topics.INTERVALS).partitions().size();
            admin.createTopics(List.of(new NewTopic(in, Optional.of(partitions), Optional.empty()),
                    new NewTopic(out, Optional.of(partitions), Optional.empty()))).all().get();
            try {
                return passthrough(in, out, partitions);
            } finally {
                admin.deleteTopics(List.of(in, out)).all().get();
            }
        }
    }

    private double passthrough(String in, String out, int partitions) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicBoolean ready = new AtomicBoolean();
        Thread loop = new Thread(() -> {
            Properties cp = consumerProps();
            cp.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-passthrough-" + runId);
            cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            cp.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
            Properties pp = producerProps();
            pp.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-passthrough-" + runId);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cp, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp, new ByteArraySerializer(),
                         new ByteArraySerializer())) {
                producer.initTransactions();
                consumer.subscribe(List.of(in));
                while (!stop.get()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    if (!consumer.assignment().isEmpty()) {
                        ready.set(true);
                    }
                    if (records.isEmpty()) {
                        continue;
                    }
                    producer.beginTransaction();
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        producer.send(new ProducerRecord<>(out, r.partition(), r.key(), r.value()));
                    }
                    Map<TopicPartition, OffsetAndMetadata> offsets = new java.util.HashMap<>();
                    for (TopicPartition tp : records.partitions()) {
                        List<ConsumerRecord<byte[], byte[]>> l = records.records(tp);
                        offsets.put(tp, new OffsetAndMetadata(l.get(l.size() - 1).offset() + 1));
                    }
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "passthrough");
        loop.start();
        long waitUntil = System.nanoTime() + 60_000_000_000L;
        while (!ready.get() && failed.get() == null && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        if (!ready.get()) {
            stop.set(true);
            loop.join();
            throw new IllegalStateException("the passthrough loop did not get its partitions", failed.get());
        }
        try (KafkaConsumer<String, byte[]> check = atEnd(out, new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            long t0 = System.nanoTime();
            for (int i = 0; i < blocks.size(); i++) {
                producer.send(new ProducerRecord<>(in, keys.get(i), blocks.get(i)));
            }
            producer.flush();
            long published = System.nanoTime();
            long seen = 0;
            long deadline = t0 + Duration.ofSeconds(timeoutSeconds).toNanos();
            while (seen < blocks.size() && failed.get() == null && System.nanoTime() < deadline) {
                seen += check.poll(Duration.ofMillis(100)).count();
            }
            long end = System.nanoTime();
            stop.set(true);
            loop.join();
            if (failed.get() != null) {
                throw new IllegalStateException("the passthrough loop failed", failed.get());
            }
            if (seen < blocks.size()) {
                System.out.printf(Locale.ROOT, "passthrough TIMEOUT: %,d of %,d blocks%n", seen, blocks.size());
                return Double.NaN;
            }
            double s = (end - t0) / 1e9;
            System.out.printf(Locale.ROOT, "passthrough (%d partitions, one EOS consume-produce loop): published in %.1f s, "
                            + "all %,d blocks committed downstream after %.1f s = %,.0f interval reads/s (%,.0f blocks/s)%n",
                    partitions, (published - t0) / 1e9, blocks.size(), s, reads / s, blocks.size() / s);
            return reads / s;
        }
    }

    // ------------------------------------------------------------------ clients

    private Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        return p;
    }

    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
        return p;
    }
}
