package energy.mdma.vee.model;

import org.apache.avro.generic.PrimitivesArrays;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Fixed-size read-only lists over primitive arrays, for the Avro arrays of a result (no per-element objects held),
 * and the way back: an Avro array of longs or ints as a primitive array, read once.
 */
public final class PrimitiveLists {
    private PrimitiveLists() {
    }

    /**
     * The values as a {@code long[]}. Avro (1.12) decodes an array of longs into a {@link PrimitivesArrays.LongArray},
     * which holds a {@code long[]}: read through {@code getLong}, nothing is boxed.
     */
    public static long[] toLongs(List<Long> values) {
        int n = values.size();
        long[] a = new long[n];
        if (values instanceof PrimitivesArrays.LongArray l) {
            for (int i = 0; i < n; i++) {
                a[i] = l.getLong(i);
            }
        } else if (values instanceof Longs l) {
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
        } else if (values instanceof Ints l) {
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

    public static final class Longs extends AbstractList<Long> implements RandomAccess {
        private final long[] a;

        public Longs(long[] a) {
            this.a = a;
        }

        public long getLong(int i) {
            return a[i];
        }

        /** A copy of the values. */
        public long[] copyLongs() {
            return a.clone();
        }

        @Override
        public Long get(int i) {
            return a[i];
        }

        @Override
        public int size() {
            return a.length;
        }
    }

    public static final class Ints extends AbstractList<Integer> implements RandomAccess {
        private final int[] a;

        public Ints(int[] a) {
            this.a = a;
        }

        public int getInt(int i) {
            return a[i];
        }

        /** A copy of the values. */
        public int[] copyInts() {
            return a.clone();
        }

        @Override
        public Integer get(int i) {
            return a[i];
        }

        @Override
        public int size() {
            return a.length;
        }
    }
}
