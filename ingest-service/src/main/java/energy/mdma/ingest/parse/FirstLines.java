package energy.mdma.ingest.parse;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The line of a file where each key was first given: a later row with the same key is rejected. */
final class FirstLines {
    private final Map<String, Long> lines = new HashMap<>();

    /**
     * Takes {@code key} for {@code line}; rejects the row when an earlier line has it.
     *
     * @param what what the key names, for the rejection ({@code party_id SCE})
     */
    void claim(String key, long line, Supplier<String> what) throws RowReject {
        Long earlier = lines.putIfAbsent(key, line);
        if (earlier != null) {
            throw new RowReject(what.get() + " is already given on line " + earlier + " of this file");
        }
    }
}
