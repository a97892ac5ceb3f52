package energy.mdma.vee.topology;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temporary directories in memory (/dev/shm) where the machine has it: TopologyTestDriver commits after
 * every input record, and a commit flushes the RocksDB stores to SST files and syncs them, which on a
 * disk costs most of a topology test's time. The stores behave the same; only the fsyncs get cheap.
 * Elsewhere the default temporary directory is used.
 */
public final class TmpfsTempDirFactory implements TempDirFactory {
    private static final Path SHM = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
            throws Exception {
        if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            return Files.createTempDirectory(SHM, "vee-test-");
        }
        return Files.createTempDirectory("vee-test-");
    }
}
