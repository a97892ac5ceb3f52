package energy.mdma.events.compat;

import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The named types of a folder of .avsc files, parsed together (Common.avsc first, it holds shared types). */
final class SchemaSet {
    private SchemaSet() {
    }

    static Map<String, Schema> load(Path dir) {
        Schema.Parser parser = new Schema.Parser();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".avsc")).sorted((a, b) -> {
                boolean ca = a.getFileName().toString().startsWith("Common");
                boolean cb = b.getFileName().toString().startsWith("Common");
                return ca == cb ? a.compareTo(b) : (ca ? -1 : 1);
            }).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            try {
                parser.parse(f.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new TreeMap<>(parser.getTypes());
    }
}
