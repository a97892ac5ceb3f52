package energy.mdma.kafka;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.HashMap;
import java.util.Map;

/**
 * Avro serdes for the events, through the schema registry (Apicurio serdes: Confluent wire format,
 * magic byte 0 and a 4-byte schema id). Artifacts are named after the record (RecordIdStrategy), so a
 * topic may carry several event types and each type evolves under its own compatibility history.
 */
public final class EventSerdes {
    private EventSerdes() {
    }

    /**
     * Serde configuration for a registry at {@code registryUrl} (ending in {@code /apis/registry/v2}), with the
     * registry credentials of this process ({@link RegistryCredentials#fromEnvironment()}): without them the serdes
     * read, and fail only when they must register a schema.
     */
    public static Map<String, Object> config(String registryUrl) {
        return config(registryUrl, RegistryCredentials.fromEnvironment());
    }

    /** Serde configuration for a registry at {@code registryUrl} with these credentials. */
    public static Map<String, Object> config(String registryUrl, RegistryCredentials credentials) {
        Map<String, Object> c = new HashMap<>();
        credentials.applyTo(c);
        c.put(SchemaResolverConfig.REGISTRY_URL, registryUrl);
        c.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
        c.put(SchemaResolverConfig.ARTIFACT_RESOLVER_STRATEGY, RecordIdStrategy.class.getName());
        c.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        // readers and writers made once per schema, records read as the generated classes (see the class)
        c.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, GeneratedClassDatumProvider.class);
        return c;
    }

    /** A value serde for generated event classes. */
    public static <T extends SpecificRecord> Serde<T> valueSerde(String registryUrl) {
        EventSerializer<T> ser = new EventSerializer<>();
        ser.configure(config(registryUrl), false);
        // the services' one reader of events (configured as Apicurio's AvroKafkaDeserializer, read in place)
        @SuppressWarnings("unchecked")
        Deserializer<T> de = (Deserializer<T>) (Deserializer<?>) new EventDeserializer(registryUrl);
        return Serdes.serdeFrom(ser, de);
    }
}
