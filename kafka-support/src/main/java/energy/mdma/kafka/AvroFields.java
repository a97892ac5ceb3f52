package energy.mdma.kafka;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

import java.util.Arrays;

/**
 * Some top-level fields of a record's binary Avro, read without decoding the rest: the fields before the last one
 * asked for are walked over as {@link EncodedEvent} checks a datum (an array of numbers by a scan of its bytes), the
 * fields after it are not looked at. For a service that keeps a record encoded and needs a few of its fields (edi: a
 * result's account, period, version and whether it has data, behind its intervals).
 *
 * <p>Fields of type string, int and long, an enum (its symbol's index) and a union of those with null.
 */
public final class AvroFields {
    private final Schema record;
    /** The positions of the fields read, ascending, and for each where its value goes in what {@link #read} returns. */
    private final int[] positions;
    private final int[] slots;
    private final int last;

    /** A reader of the named fields of {@code record}'s binary Avro. */
    public AvroFields(Schema record, String... fields) {
        this.record = record;
        Integer[] order = new Integer[fields.length];
        int[] byName = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Schema.Field f = record.getField(fields[i]);
            if (f == null) {
                throw new IllegalArgumentException(record.getFullName() + " has no field " + fields[i]);
            }
            readable(record, f, f.schema());
            byName[i] = f.pos();
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(byName[a], byName[b]));
        positions = new int[fields.length];
        slots = new int[fields.length];
        for (int k = 0; k < fields.length; k++) {
            positions[k] = byName[order[k]];
            slots[k] = order[k];
        }
        last = fields.length == 0 ? -1 : positions[fields.length - 1];
    }

    /**
     * The values of the fields, in the order they were named: String, Integer, Long, an enum's symbol index as Integer,
     * null for a union's null.
     *
     * @throws AvroRuntimeException when the bytes are cut short or otherwise no datum of the record
     */
    public Object[] read(byte[] body) {
        AvroBytes in = new AvroBytes(body, 0, body.length, record.getName());
        Object[] values = new Object[positions.length];
        int next = 0;
        for (int pos = 0; pos <= last; pos++) {
            Schema s = record.getFields().get(pos).schema();
            if (pos == positions[next]) {
                values[slots[next++]] = value(s, in);
            } else {
                in.skip(s);
            }
        }
        return values;
    }

    private static Object value(Schema s, AvroBytes in) {
        return switch (s.getType()) {
            case STRING -> in.string();
            case INT -> in.intValue();
            case LONG -> in.longValue();
            case ENUM -> in.symbol(s.getEnumSymbols().size(), s.getName());
            case UNION -> {
                Schema b = in.branch(s);
                yield b.getType() == Schema.Type.NULL ? null : value(b, in);
            }
            default -> throw new IllegalStateException("not readable here: " + s);
        };
    }

    private static void readable(Schema record, Schema.Field f, Schema s) {
        switch (s.getType()) {
            case STRING, INT, LONG, ENUM, NULL -> {
            }
            case UNION -> s.getTypes().forEach(t -> readable(record, f, t));
            default -> throw new IllegalArgumentException(record.getFullName() + "." + f.name() + " is a "
                    + s.getType() + ": only strings, ints, longs, enums and unions of them with null are read here");
        }
    }
}
