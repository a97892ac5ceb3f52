package energy.mdma.vee.topology;

import java.util.AbstractList;
import java.util.RandomAccess;

/** Fixed-size read-only lists over primitive arrays, for the Avro arrays of a result (no per-element objects held). */
final class PrimitiveLists {
    private PrimitiveLists() {
    }

    static final class Longs extends AbstractList<Long> implements RandomAccess {
        private final long[] a;

        Longs(long[] a) {
            this.a = a;
        }

        long getLong(int i) {
            return a[i];
        }

        /** A copy of the values. */
        long[] copyLongs() {
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

    static final class Ints extends AbstractList<Integer> implements RandomAccess {
        private final int[] a;

        Ints(int[] a) {
            this.a = a;
        }

        int getInt(int i) {
            return a[i];
        }

        /** A copy of the values. */
        int[] copyInts() {
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
