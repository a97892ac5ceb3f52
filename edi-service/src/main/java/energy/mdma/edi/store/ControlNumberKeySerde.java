package energy.mdma.edi.store;

import energy.mdma.edi.keys.ControlNumberKey;

/**
 * The keys of {@code edi-control-numbers}: {@code isa13}, {@code report-seq}, {@code restored-from-documents},
 * {@code isa13|receiver} ({@link ControlNumberKey}).
 */
public final class ControlNumberKeySerde extends TextSerde<ControlNumberKey> {
    public ControlNumberKeySerde() {
        super(ControlNumberKey::format, ControlNumberKey::parse);
    }
}
