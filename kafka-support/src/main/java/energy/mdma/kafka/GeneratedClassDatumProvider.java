package energy.mdma.kafka;

import io.apicurio.registry.serde.avro.AvroDatumProvider;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the registry serdes turn bytes into events and back: readers and writers made once per schema.
 *
 * <p>Apicurio's default provider computes the schema's parsing fingerprint (canonical form, then a hash) for every
 * record it reads or writes, only to find the cached reader or writer: 15% of vee's CPU in the bench. Here the cache
 * is keyed by the schema itself (the registry resolver hands out one parsed schema per id, and a generated class has
 * one schema, so the lookup is an identity comparison on a cached hash).
 *
 * <p>Records are read as the generated classes of schemas when the writer's type is one of them (reader
 * schema = the class's, with its logical-type conversions, resolved through the class loader of schemas' classes: Apicurio's
 * own lookup goes through its class loader, which cannot see the generated classes when the application's classes
 * are loaded apart from the libraries, as in Quarkus tests); a type not generated here stays generic.
 *
 * <p>Arrays of longs and ints (the intervals) are read into and written from primitive arrays, not a boxed value
 * each ({@link PrimitiveArrays}).
 *
 * <p>Both caches are bounded ({@link #MAX_SCHEMAS}): schema ids come from the records read, and a log that holds
 * more writer schemas than that only costs a reader rebuilt now and then.
 */
public final class GeneratedClassDatumProvider<T> implements AvroDatumProvider<T> {

    static final int MAX_SCHEMAS = 256;

    /** What schema a value to write has (primitives, generic and specific records): Apicurio's own rules. */
    private final DefaultAvroDatumProvider<T> schemaOf = new DefaultAvroDatumProvider<>();
    private final SpecificData specific = PrimitiveArrays.model(GeneratedClassDatumProvider.class.getClassLoader());
    private final Map<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<T>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<T>> genericWriters = new ConcurrentHashMap<>();

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        if (data instanceof SpecificRecord) {
            return cached(specificWriters, schema, s -> new PrimitiveArrays.Writer<>(s));
        }
        return cached(genericWriters, schema, s -> new GenericDatumWriter<>(s));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema writer) {
        return cached(readers, writer, this::readerFor);
    }

    @Override
    public Schema toSchema(T data) {
        return schemaOf.toSchema(data);
    }

    /** How many readers are cached (for tests of the bound). */
    int cachedReaders() {
        return readers.size();
    }

    private DatumReader<T> readerFor(Schema writer) {
        Class<?> type = writer.getType() == Schema.Type.RECORD ? specific.getClass(writer) : null;
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            return new GenericDatumReader<>(writer);
        }
        Schema reader = specific.getSchema(type);
        // the class's logical-type conversions (timestamps, dates, decimals), also for those inside unions
        // (nullable timestamps), which the reader takes from the model rather than from the class
        SpecificData.getForClass(type).getConversions().forEach(specific::addLogicalTypeConversion);
        return new PrimitiveArrays.Reader<>(writer, reader, specific);
    }

    private static <V> V cached(Map<Schema, V> cache, Schema schema, java.util.function.Function<Schema, V> make) {
        V v = cache.get(schema);
        if (v == null) {
            if (cache.size() >= MAX_SCHEMAS) {
                cache.clear();
            }
            v = cache.computeIfAbsent(schema, make);
        }
        return v;
    }
}
