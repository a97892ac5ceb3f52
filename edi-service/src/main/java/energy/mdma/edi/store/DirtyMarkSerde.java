package energy.mdma.edi.store;

import energy.mdma.kafka.StoreSerde;

/** The values of {@code edi-dirty-account-periods}: no bytes ({@link DirtyMark}; the key is what counts). */
public final class DirtyMarkSerde extends StoreSerde<DirtyMark> {
    private static final byte[] EMPTY = new byte[0];

    public DirtyMarkSerde() {
        super(mark -> EMPTY, bytes -> DirtyMark.DIRTY);
    }
}
