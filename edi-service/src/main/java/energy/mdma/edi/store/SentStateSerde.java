package energy.mdma.edi.store;

import energy.mdma.edi.decision.SentState;

/** The serde of the values of {@code edi-sent-account-periods}: {@code dataHash|rowsHash|receivers} ({@link SentState}). */
public final class SentStateSerde extends TextSerde<SentState> {
    public SentStateSerde() {
        super(SentState::format, SentState::parse);
    }
}
