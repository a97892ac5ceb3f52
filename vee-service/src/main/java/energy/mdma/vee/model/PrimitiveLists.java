package energy.mdma.vee.model;

import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;

import java.util.List;

/**
 * The Avro arrays of a result as Avro's primitive arrays (no per-element objects held), and the way back: an Avro
 * array of longs or ints as a primitive array, read once.
 */
public final class PrimitiveLists {
    private PrimitiveLists() {
    }

    /**
     * The values as a {@code long[]}. The events' reader ({@code energy.mdma.kafka.PrimitiveArrays.Reader}) decodes an
     * array of longs into a {@link PrimitivesArrays.LongArray}, which holds a {@code long[]}: read through
     * {@code getLong}, nothing is boxed.
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

        /** A copy of the values. */
        public long[] copyLongs() {
            long[] c = new long[size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = getLong(i);
            }
            return c;
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

        /** A copy of the values. */
        public int[] copyInts() {
            int[] c = new int[size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = getInt(i);
            }
            return c;
        }
    }
}
