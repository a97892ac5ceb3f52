package energy.mdma.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.MdmaPlatformExtension;
import energy.mdma.testsupport.MdmaTestPlatform;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The event serdes against the real registry, whose writes need the writer account (issue 13): a serde without
 * credentials, or with a wrong password, cannot register a schema (nothing is stored), and still reads what is
 * registered; the credentials of the environment (here the test platform's) register.
 */
@ExtendWith(MdmaPlatformExtension.class)
class RegistryWriteAuthTest {

    private static final String NAMESPACE = "energy.mdma.authtest";

    @Test
    void withoutCredentialsASerdeCannotRegisterButStillReads(MdmaTestPlatform platform) throws Exception {
        String name = "Rec" + UUID.randomUUID().toString().replace("-", "");
        GenericRecord record = record(name);

        for (RegistryCredentials refused : new RegistryCredentials[] {RegistryCredentials.NONE,
                new RegistryCredentials(platform.registryUsername(), platform.registryPassword() + "-wrong"),
                new RegistryCredentials("someone-else", platform.registryPassword())}) {
            Map<String, Object> config = new HashMap<>(EventSerdes.config(platform.registryUrl(), refused));
            // a 401 is final: no retries (the default's back-off only slows the test)
            config.put(SchemaResolverConfig.RETRY_COUNT, 0L);
            try (AvroKafkaSerializer<GenericRecord> ser = serializer(config)) {
                RuntimeException e = assertThrows(RuntimeException.class, () -> ser.serialize(Topics.INTERVALS, record),
                        refused.toString());
                assertTrue(chainMentions(e, "401"), refused + ": " + chain(e));
            }
            assertEquals(404, status(platform.registryUrl() + "/groups/" + NAMESPACE + "/artifacts/" + name),
                    "stored by " + refused);
        }

        // the environment's credentials (the test platform's writer account) register
        byte[] bytes;
        try (AvroKafkaSerializer<GenericRecord> ser = serializer(EventSerdes.config(platform.registryUrl()))) {
            bytes = ser.serialize(Topics.INTERVALS, record);
        }
        assertEquals(200, status(platform.registryUrl() + "/groups/" + NAMESPACE + "/artifacts/" + name));

        // and a reader without any credentials reads it
        try (AvroKafkaDeserializer<Object> de = new AvroKafkaDeserializer<>()) {
            de.configure(EventSerdes.config(platform.registryUrl(), RegistryCredentials.NONE), false);
            Object back = de.deserialize(Topics.INTERVALS, bytes);
            assertEquals("M-1", String.valueOf(((GenericRecord) back).get("meter")));
        }
    }

    private static GenericRecord record(String name) {
        Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\""
                + NAMESPACE + "\",\"fields\":[{\"name\":\"meter\",\"type\":\"string\"}]}");
        GenericRecord r = new GenericData.Record(schema);
        r.put("meter", "M-1");
        return r;
    }

    private static AvroKafkaSerializer<GenericRecord> serializer(Map<String, Object> config) {
        AvroKafkaSerializer<GenericRecord> s = new AvroKafkaSerializer<>();
        s.configure(config, false);
        return s;
    }

    private static int status(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean chainMentions(Throwable e, String text) {
        return chain(e).contains(text);
    }

    private static String chain(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append(" | ");
            try {
                // Kiota's ApiException carries the HTTP status apart from its message
                b.append(t.getClass().getMethod("getResponseStatusCode").invoke(t)).append(" | ");
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // not an ApiException
            }
        }
        return b.toString();
    }
}
