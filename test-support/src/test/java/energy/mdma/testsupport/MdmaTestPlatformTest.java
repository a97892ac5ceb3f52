package energy.mdma.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import energy.mdma.platform.broker.TopicDefinition;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MdmaPlatformExtension.class)
class MdmaTestPlatformTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void producesAndConsumesThroughTheBroker(MdmaTestPlatform platform) throws Exception {
        String topic = "mdma.audit";
        String key = UUID.randomUUID().toString();

        Properties producerProps = platform.kafkaClientProperties();
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
            sent = producer.send(new ProducerRecord<>(topic, key, "hello")).get(30, TimeUnit.SECONDS);
        }

        Properties consumerProps = platform.kafkaClientProperties();
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + key);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> mine = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of(topic));
            Poll.until("the record sent to " + topic, Duration.ofSeconds(30), () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        mine.add(r);
                    }
                });
                return !mine.isEmpty();
            });
        }
        assertEquals(1, mine.size(), "the record sent to " + topic);
        assertEquals("hello", mine.get(0).value());
        assertEquals(sent.partition(), mine.get(0).partition());
        assertEquals(sent.offset(), mine.get(0).offset());
    }

    @Test
    void createsTheTopicsOfDeployTopicsCsv(MdmaTestPlatform platform) throws Exception {
        List<TopicDefinition> defs = platform.topics();
        assertTrue(defs.size() >= 18, "topics in deploy/topics.csv: " + defs.size());
        try (Admin admin = platform.admin()) {
            Map<String, TopicDescription> described = admin
                    .describeTopics(defs.stream().map(TopicDefinition::name).toList())
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            for (TopicDefinition def : defs) {
                assertEquals(def.partitions(), described.get(def.name()).partitions().size(), def.name());
            }
            ConfigResource meters = new ConfigResource(ConfigResource.Type.TOPIC, "mdma.meters");
            ConfigResource intervals = new ConfigResource(ConfigResource.Type.TOPIC, "mdma.readings.intervals");
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(meters, intervals)).all()
                    .get(30, TimeUnit.SECONDS);
            assertEquals("compact", configs.get(meters).get("cleanup.policy").value());
            assertEquals("delete", configs.get(intervals).get("cleanup.policy").value());
            // the spec's default retention: 3 years (with a leap day) and 90 days
            assertEquals(Long.toString(Duration.ofDays(3 * 365 + 1 + 90).toMillis()),
                    configs.get(intervals).get("retention.ms").value());
        }
    }

    @Test
    void registersASchemaAndGetsItsIdBack(MdmaTestPlatform platform) throws Exception {
        String name = "T" + UUID.randomUUID().toString().replace("-", "");
        String schema = "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"energy.mdma.test\","
                + "\"fields\":[{\"name\":\"meter\",\"type\":\"string\"}]}";

        // Apicurio core API v2 (what the Apicurio serdes use)
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                        URI.create(platform.registryUrl() + "/groups/mdma-test/artifacts"))
                .header("Content-Type", "application/json")
                .header("X-Registry-ArtifactId", name)
                .header("X-Registry-ArtifactType", "AVRO")
                .header("Authorization", basic(platform.registryUsername(), platform.registryPassword()))
                .POST(HttpRequest.BodyPublishers.ofString(schema)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
        long globalId = number(created.body(), "globalId");
        HttpResponse<String> byId = HTTP.send(HttpRequest.newBuilder(
                URI.create(platform.registryUrl() + "/ids/globalIds/" + globalId)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, byId.statusCode(), byId.body());
        assertTrue(byId.body().contains(name), byId.body());

        // Confluent-compatible API
        String subject = name + "-value";
        String body = "{\"schema\":" + quote(schema) + "}";
        HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(
                        URI.create(platform.ccompatUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .header("Authorization", basic(platform.registryUsername(), platform.registryPassword()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, registered.statusCode(), registered.body());
        long id = number(registered.body(), "id");
        HttpResponse<String> schemaById = HTTP.send(HttpRequest.newBuilder(
                URI.create(platform.ccompatUrl() + "/schemas/ids/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, schemaById.statusCode(), schemaById.body());
        assertTrue(schemaById.body().contains(name), schemaById.body());
    }

    @Test
    void quarkusTestResourceGivesTheConfig(MdmaTestPlatform platform) {
        Map<String, String> config = new MdmaPlatformTestResource().start();
        assertEquals(platform.bootstrapServers(), config.get("kafka.bootstrap.servers"));
        // the broker's protocol and each principal's password (a service's test profile picks its own)
        assertEquals("SASL_PLAINTEXT", config.get("mdma.kafka.security-protocol"));
        for (String principal : platform.principals()) {
            assertEquals(platform.kafkaPassword(principal), config.get("mdma-test-platform.kafka.password." + principal));
        }
        // no Kafka Streams on this classpath
        assertEquals(null, config.get("quarkus.kafka-streams.bootstrap-servers"));
        assertEquals(platform.registryUrl(), config.get("mp.messaging.connector.smallrye-kafka.apicurio.registry.url"));
        assertEquals(platform.registryUrl(), config.get("apicurio.registry.url"));
        assertTrue(platform.registryUrl().matches("http://localhost:\\d+/apis/registry/v2"), platform.registryUrl());
        // one platform per JVM
        assertEquals(platform.bootstrapServers(), MdmaTestPlatform.get().bootstrapServers());
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return Long.parseLong(m.group(1));
    }

    static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
