package energy.mdma.kafka;

import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

import java.io.IOException;
import java.util.List;

/**
 * Avro's reader and writer of the generated classes, with arrays of longs and ints read into and written from Avro's
 * own primitive arrays ({@link PrimitivesArrays.LongArray}, {@link PrimitivesArrays.IntArray}, which hold a
 * {@code long[]} or an {@code int[]}) one value at a time, without an object per value. Avro's fast reader builds a
 * list of boxed values for every such array and its writer takes each value back through an iterator of boxed values:
 * the intervals of the reading blocks and of the results, millions of values a minute, were a third of what vee
 * allocated in the bench. The bytes read and written are Avro's binary encoding, unchanged
 * ({@code PrimitiveArraysTest}); every other field is read and written by Avro as before.
 */
public final class PrimitiveArrays {
    private PrimitiveArrays() {
    }

    /**
     * A model for {@link Reader}s: the generated classes through {@code loader}, with Avro's fast reader off (it
     * builds its own readers for arrays; the classic reader asks {@link Reader#readArray}).
     */
    public static SpecificData model(ClassLoader loader) {
        SpecificData data = new SpecificData(loader);
        data.setFastReaderEnabled(false);
        return data;
    }

    /** A reader of {@code type} written with its own schema, for a service's stores. */
    public static <T> Reader<T> reader(Class<T> type) {
        SpecificData data = model(type.getClassLoader());
        SpecificData.getForClass(type).getConversions().forEach(data::addLogicalTypeConversion);
        Schema schema = SpecificData.get().getSchema(type);
        return new Reader<>(schema, schema, data);
    }

    /**
     * The values as a {@code long[]}: from a primitive array (as {@link Reader} reads them) without a boxed value,
     * from any other list through its boxed values.
     */
    public static long[] toLongs(List<Long> values) {
        int n = values.size();
        long[] a = new long[n];
        if (values instanceof PrimitivesArrays.LongArray l) {
            for (int i = 0; i < n; i++) {
                a[i] = l.getLong(i);
            }
        } else {
            int i = 0;
            for (Long v : values) {
                a[i++] = v;
            }
        }
        return a;
    }

    /** The values as an {@code int[]} (see {@link #toLongs}). */
    public static int[] toInts(List<Integer> values) {
        int n = values.size();
        int[] a = new int[n];
        if (values instanceof PrimitivesArrays.IntArray l) {
            for (int i = 0; i < n; i++) {
                a[i] = l.getInt(i);
            }
        } else {
            int i = 0;
            for (Integer v : values) {
                a[i++] = v;
            }
        }
        return a;
    }

    /** Avro's writer of a generated class; arrays of longs and ints that are primitive arrays are written from them. */
    public static final class Writer<T> extends SpecificDatumWriter<T> {
        public Writer(Schema root) {
            super(root);
        }

        @Override
        protected void writeArray(Schema schema, Object datum, Encoder out) throws IOException {
            Schema element = schema.getElementType();
            if (element.getLogicalType() == null) {
                if (element.getType() == Schema.Type.LONG && datum instanceof PrimitivesArrays.LongArray a) {
                    int n = a.size();
                    out.writeArrayStart();
                    out.setItemCount(n);
                    for (int i = 0; i < n; i++) {
                        out.startItem();
                        out.writeLong(a.getLong(i));
                    }
                    out.writeArrayEnd();
                    return;
                }
                if (element.getType() == Schema.Type.INT && datum instanceof PrimitivesArrays.IntArray a) {
                    int n = a.size();
                    out.writeArrayStart();
                    out.setItemCount(n);
                    for (int i = 0; i < n; i++) {
                        out.startItem();
                        out.writeInt(a.getInt(i));
                    }
                    out.writeArrayEnd();
                    return;
                }
            }
            super.writeArray(schema, datum, out);
        }
    }

    /**
     * Room for the first block's count of values, at most {@link #MAX_INITIAL_CAPACITY}: the count is read from the
     * record, and a damaged one (up to 2^31 items) must not have gigabytes allocated before the read fails at the end
     * of the record's bytes; an array beyond it grows as its values are read.
     */
    static int initialCapacity(long count) {
        return (int) Math.min(count, MAX_INITIAL_CAPACITY);
    }

    /** 65,536 values: a month of 1-minute intervals fits, a damaged count costs at most 512 KB. */
    static final int MAX_INITIAL_CAPACITY = 1 << 16;

    /**
     * Avro's reader of a generated class (with a {@link #model} whose fast reader is off); arrays of longs and ints
     * (without a logical type) are read into primitive arrays, the writer's ints promoted to longs as Avro does.
     *
     * <p>When the writer's schema is the reader's (the events and stores written with the current classes), there is
     * nothing to resolve, and an array's values are read straight from the binary decoder: Avro's resolving decoder
     * would otherwise step its grammar for every value (push the array's production, advance, check the symbol), which
     * cost more than decoding the value itself. The grammar still sees the array start, each block's end and the
     * array's end, so it stays in step with the bytes (a repeated item has no state of its own in Avro's grammar).
     * A writer schema that differs in anything takes Avro's path for every value.
     */
    public static final class Reader<T> extends SpecificDatumReader<T> {
        private final boolean sameSchema;
        private final ThreadLocal<Decoder> source = new ThreadLocal<>();

        public Reader(Schema writer, Schema reader, SpecificData data) {
            super(writer, reader, data);
            if (data.isFastReaderEnabled()) {
                throw new IllegalArgumentException("PrimitiveArrays.Reader needs a model without Avro's fast reader "
                        + "(PrimitiveArrays.model), which would read the arrays itself");
            }
            this.sameSchema = writer.equals(reader);
        }

        @Override
        public T read(T reuse, Decoder in) throws IOException {
            if (!sameSchema) {
                return super.read(reuse, in);
            }
            Decoder outer = source.get();
            source.set(in);
            try {
                return super.read(reuse, in);
            } finally {
                source.set(outer);
            }
        }

        @Override
        protected Object readArray(Object old, Schema expected, ResolvingDecoder in) throws IOException {
            Schema element = expected.getElementType();
            Schema.Type type = element.getType();
            if (element.getLogicalType() != null || (type != Schema.Type.LONG && type != Schema.Type.INT)) {
                return super.readArray(old, expected, in);
            }
            // the values' decoder: the one the resolving decoder reads from when nothing is resolved, else itself
            Decoder raw = sameSchema ? source.get() : null;
            Decoder values = raw != null ? raw : in;
            long n = in.readArrayStart();
            if (type == Schema.Type.LONG) {
                PrimitivesArrays.LongArray a = new PrimitivesArrays.LongArray(initialCapacity(n), expected);
                int i = 0;
                for (; n > 0; n = in.arrayNext()) {
                    for (long k = 0; k < n; k++) {
                        a.add(i++, values.readLong());
                    }
                }
                return a;
            }
            PrimitivesArrays.IntArray a = new PrimitivesArrays.IntArray(initialCapacity(n), expected);
            int i = 0;
            for (; n > 0; n = in.arrayNext()) {
                for (long k = 0; k < n; k++) {
                    a.add(i++, values.readInt());
                }
            }
            return a;
        }
    }
}
