package energy.mdma.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import energy.mdma.platform.broker.AclTable;
import energy.mdma.platform.broker.TopicDefinition;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The attack suite of the event log (issue 13): the test platform's broker runs with the local stack's
 * authentication and the ACLs of deploy/acls.csv, and refuses
 * <ul>
 * <li>a client without credentials (it never gets past the SASL handshake: nothing is read or written),</li>
 * <li>a client with a wrong password ({@link SaslAuthenticationException}),</li>
 * <li>the head-end principal reading anything or writing anything but mdma.headend.readings,</li>
 * <li>a service's principal writing another service's topic ({@link TopicAuthorizationException}).</li>
 * </ul>
 * Each refusal is checked beside an allowed action of the same client, so the test cannot pass on a broken client.
 */
@ExtendWith(MdmaPlatformExtension.class)
class BrokerAttackTest {

    private static final Duration SHORT = Duration.ofSeconds(5);

    @Test
    void aClientWithoutCredentialsCanNeitherWriteNorReadNorListTopics(MdmaTestPlatform platform) {
        Properties anonymous = new Properties();
        anonymous.put("bootstrap.servers", platform.bootstrapServers());

        // write: the broker closes the connection at the first request that is not a SASL handshake; no metadata
        // ever comes, the send fails when max.block.ms is over
        try (KafkaProducer<String, String> producer = producer(anonymous)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>("mdma.credentials", "operator", "forged")).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause());
        }
        // read mdma.credentials (the password hashes)
        try (KafkaConsumer<String, String> consumer = consumer(anonymous, null)) {
            consumer.assign(List.of(new TopicPartition("mdma.credentials", 0)));
            assertThrows(TimeoutException.class, () -> consumer.beginningOffsets(
                    List.of(new TopicPartition("mdma.credentials", 0)), SHORT));
            assertEquals(0, consumer.poll(Duration.ofSeconds(2)).count());
        }
        // not even the topic names
        Properties admin = new Properties();
        admin.putAll(anonymous);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        try (Admin a = Admin.create(admin)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> a.listTopics().names().get(30, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause());
        }
    }

    @Test
    void aWrongPasswordIsRefusedAtAuthentication(MdmaTestPlatform platform) throws Exception {
        Properties forged = platform.kafkaClientProperties("delivery");
        forged.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"delivery\" password=\"guessed\";");
        try (KafkaProducer<String, String> producer = producer(forged)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>("mdma.credentials", "operator", "forged")).get(30, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        }
        // the super user's name through SCRAM (it has only the broker's PLAIN credential) is refused as well
        Properties admin = platform.kafkaClientProperties("delivery");
        admin.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"" + AclTable.ADMIN + "\" password=\"" + platform.kafkaPassword("delivery") + "\";");
        try (KafkaProducer<String, String> producer = producer(admin)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>("mdma.credentials", "operator", "forged")).get(30, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        }
        // the right password works (the refusal above is about the password, not a broken client)
        try (KafkaProducer<String, String> producer = producer(platform.kafkaClientProperties("delivery"))) {
            producer.send(new ProducerRecord<>("mdma.audit", "attack-test", "ok")).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theHeadEndWritesItsInputTopicOnlyAndReadsNothing(MdmaTestPlatform platform) throws Exception {
        Properties headend = platform.kafkaClientProperties("headend");
        try (KafkaProducer<String, String> producer = producer(headend)) {
            producer.send(new ProducerRecord<>("mdma.headend.readings", "attack-test", "a block")).get(30, TimeUnit.SECONDS);
            for (String topic : List.of("mdma.credentials", "mdma.parties", "mdma.readings.intervals", "mdma.edi.documents")) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> producer.send(new ProducerRecord<>(topic, "operator", "forged")).get(30, TimeUnit.SECONDS), topic);
                assertInstanceOf(TopicAuthorizationException.class, e.getCause(), topic);
                assertEquals(Set.of(topic), ((TopicAuthorizationException) e.getCause()).unauthorizedTopics());
            }
        }
        for (String topic : List.of("mdma.credentials", "mdma.headend.readings", "mdma.edi.documents")) {
            try (KafkaConsumer<String, String> consumer = consumer(headend, null)) {
                consumer.assign(List.of(new TopicPartition(topic, 0)));
                consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
                TopicAuthorizationException e = assertThrows(TopicAuthorizationException.class,
                        () -> consumer.poll(Duration.ofSeconds(10)), topic);
                assertEquals(Set.of(topic), e.unauthorizedTopics());
            }
        }
        // nor may it join a consumer group
        try (KafkaConsumer<String, String> consumer = consumer(headend, "mdma-ingest-headend")) {
            consumer.subscribe(List.of("mdma.headend.readings"));
            assertThrows(GroupAuthorizationException.class, () -> consumer.poll(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aServiceCannotWriteAnotherServicesTopics(MdmaTestPlatform platform) throws Exception {
        // topic -> a principal that must not write it (each reads it or owns a neighbour)
        List<String[]> refused = List.of(
                new String[] {"vee", "mdma.credentials"},
                new String[] {"vee", "mdma.edi.documents"},
                new String[] {"vee", "mdma.readings.intervals"},
                new String[] {"edi", "mdma.vee.channel-periods"},
                new String[] {"edi", "mdma.credentials"},
                new String[] {"delivery", "mdma.edi.documents"},
                new String[] {"delivery", "mdma.readings.intervals"},
                new String[] {"ingest", "mdma.vee.channel-periods"},
                new String[] {"ingest", "mdma.mailbox.events"},
                new String[] {"ingest", "mdma.headend.readings"});
        for (String[] r : refused) {
            try (KafkaProducer<String, String> producer = producer(platform.kafkaClientProperties(r[0]))) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> producer.send(new ProducerRecord<>(r[1], "attack-test", "forged")).get(30, TimeUnit.SECONDS),
                        r[0] + " -> " + r[1]);
                assertInstanceOf(TopicAuthorizationException.class, e.getCause(), r[0] + " -> " + r[1]);
            }
        }
        // ... while each writes its own
        List<String[]> allowed = List.of(new String[] {"vee", "mdma.vee.channel-periods"},
                new String[] {"edi", "mdma.edi.documents"}, new String[] {"delivery", "mdma.mailbox.events"},
                new String[] {"ingest", "mdma.readings.intervals"});
        for (String[] a : allowed) {
            try (KafkaProducer<String, String> producer = producer(platform.kafkaClientProperties(a[0]))) {
                producer.send(new ProducerRecord<>(a[1], "attack-test-" + UUID.randomUUID(), "x")).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void onlyTheServicesThatNeedThemReadTheCredentials(MdmaTestPlatform platform) {
        for (String principal : List.of("vee", "edi", "headend")) {
            try (KafkaConsumer<String, String> consumer = consumer(platform.kafkaClientProperties(principal), null)) {
                consumer.assign(List.of(new TopicPartition("mdma.credentials", 0)));
                consumer.seekToBeginning(List.of(new TopicPartition("mdma.credentials", 0)));
                assertThrows(TopicAuthorizationException.class, () -> consumer.poll(Duration.ofSeconds(10)), principal);
            }
        }
        try (KafkaConsumer<String, String> consumer = consumer(platform.kafkaClientProperties("delivery"), null)) {
            consumer.assign(List.of(new TopicPartition("mdma.credentials", 0)));
            consumer.seekToBeginning(List.of(new TopicPartition("mdma.credentials", 0)));
            consumer.poll(Duration.ofMillis(500));
            assertTrue(consumer.position(new TopicPartition("mdma.credentials", 0)) >= 0);
        }
    }

    @Test
    void everyPrincipalOfTheAclTableHasAUser(MdmaTestPlatform platform) {
        assertEquals(AclTable.principals(AclTable.load()), platform.principals());
        assertTrue(platform.principals().containsAll(Set.of("ingest", "vee", "edi", "delivery", "headend")));
        assertTrue(platform.topics().stream().map(TopicDefinition::name).anyMatch("mdma.credentials"::equals));
    }

    private static KafkaProducer<String, String> producer(Properties base) {
        Properties p = new Properties();
        p.putAll(base);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p);
    }

    private static KafkaConsumer<String, String> consumer(Properties base, String group) {
        Properties p = new Properties();
        p.putAll(base);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(p);
    }
}
