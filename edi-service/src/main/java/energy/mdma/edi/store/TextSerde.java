package energy.mdma.edi.store;

import java.nio.charset.StandardCharsets;

/**
 * A stored key or value written as the UTF-8 of its text form, as the stores held them (through Kafka's
 * {@code StringSerializer}) before they were typed: existing state and changelogs read on unchanged. One subclass per
 * stored record says which text form.
 */
abstract class TextSerde<T> extends StoreSerde<T> {

    /** The text form of a (non-null) value. */
    abstract String format(T value);

    /** The inverse of {@link #format}. */
    abstract T parse(String text);

    @Override
    final byte[] toBytes(T value) {
        return format(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    final T fromBytes(byte[] bytes) {
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }
}
