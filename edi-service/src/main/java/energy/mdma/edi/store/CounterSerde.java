package energy.mdma.edi.store;

/** The values of {@code edi-control-numbers}: a counter's decimal digits ({@link Counter}). */
public final class CounterSerde extends TextSerde<Counter> {
    @Override
    String format(Counter value) {
        return Long.toString(value.value());
    }

    @Override
    Counter parse(String text) {
        return new Counter(Long.parseLong(text));
    }
}
