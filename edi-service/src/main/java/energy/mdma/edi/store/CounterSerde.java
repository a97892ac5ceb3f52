package energy.mdma.edi.store;

/** The values of {@code edi-control-numbers}: a counter's decimal digits ({@link Counter}). */
public final class CounterSerde extends TextSerde<Counter> {
    public CounterSerde() {
        super(c -> Long.toString(c.value()), text -> new Counter(Long.parseLong(text)));
    }
}
