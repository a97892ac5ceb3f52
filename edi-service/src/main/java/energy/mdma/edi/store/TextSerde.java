package energy.mdma.edi.store;

import energy.mdma.kafka.StoreSerde;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A stored key or value written as the UTF-8 of its text form, as the stores held them (through Kafka's
 * {@code StringSerializer}) before they were typed: existing state and changelogs read on unchanged. One subclass per
 * stored record says which text form.
 */
abstract class TextSerde<T> extends StoreSerde<T> {
    TextSerde(Function<T, String> format, Function<String, T> parse) {
        super(value -> format.apply(value).getBytes(StandardCharsets.UTF_8),
                bytes -> parse.apply(new String(bytes, StandardCharsets.UTF_8)));
    }
}
