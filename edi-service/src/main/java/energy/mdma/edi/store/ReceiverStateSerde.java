package energy.mdma.edi.store;

import energy.mdma.edi.decision.SummarySchedule;

/**
 * The values of {@code edi-receiver-state} ({@link ReceiverState}): the unposted changes as {@code firstMs,lastMs}
 * ({@link SummarySchedule.Dirty#format()}), a summary's hash as its hex digits. The two forms are told apart by their
 * text: hex digits have no comma.
 */
public final class ReceiverStateSerde extends TextSerde<ReceiverState> {
    public ReceiverStateSerde() {
        super(ReceiverStateSerde::format, ReceiverStateSerde::parse);
    }

    private static String format(ReceiverState value) {
        return value.dirty() != null ? value.dirty().format() : value.summaryHash();
    }

    private static ReceiverState parse(String text) {
        return text.indexOf(',') >= 0 ? ReceiverState.dirty(SummarySchedule.Dirty.parse(text))
                : ReceiverState.summaryHash(text);
    }
}
