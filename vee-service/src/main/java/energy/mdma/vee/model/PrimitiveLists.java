package energy.mdma.vee.model;

import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;

/**
 * The Avro arrays of a result as Avro's primitive arrays (no per-element objects held); the way back is
 * {@code energy.mdma.kafka.PrimitiveArrays.toLongs}/{@code toInts}.
 */
public final class PrimitiveLists {
    private PrimitiveLists() {
    }

    private static final Schema LONG_ARRAY = Schema.createArray(Schema.create(Schema.Type.LONG));
    private static final Schema INT_ARRAY = Schema.createArray(Schema.create(Schema.Type.INT));

    /**
     * Values for an Avro array of longs: Avro's own primitive array, which the events' writer
     * ({@code energy.mdma.kafka.PrimitiveArrays.Writer}) writes without boxing a value.
     */
    public static final class Longs extends PrimitivesArrays.LongArray {
        public Longs(long[] a) {
            super(a.length, LONG_ARRAY);
            for (int i = 0; i < a.length; i++) {
                add(i, a[i]);
            }
        }
    }

    /** Values for an Avro array of ints (see {@link Longs}). */
    public static final class Ints extends PrimitivesArrays.IntArray {
        public Ints(int[] a) {
            super(a.length, INT_ARRAY);
            for (int i = 0; i < a.length; i++) {
                add(i, a[i]);
            }
        }
    }
}
