package energy.mdma.edi.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import energy.mdma.testsupport.ExamplePackage;

/**
 * The utility's own {@code compare.py}, run as a second opinion where its acceptance kit sits beside the repository
 * ({@code ../shared/acceptance}, or {@code -Dmdma.acceptance.kit=DIR}). The tests' verdict is {@link AcceptanceCheck}'s,
 * which needs nothing outside the repository; this only adds the utility's check when the kit is there.
 */
public final class ComparePy {
    public static final String PROPERTY = "mdma.acceptance.kit";

    public record Result(int exitCode, String output) {
        public String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private ComparePy() {
    }

    /** The utility's compare.py, when its kit is beside the repository (or named by {@value #PROPERTY}). */
    public static Optional<Path> script() {
        String property = System.getProperty(PROPERTY);
        Path kit = property != null && !property.isBlank() ? Path.of(property)
                : ExamplePackage.dir().resolve("../../../shared/acceptance").normalize();
        Path script = kit.resolve("compare.py");
        if (!Files.isRegularFile(script)) {
            System.out.println("the utility's compare.py is not at " + script + ": only the project's AcceptanceCheck ran");
            return Optional.empty();
        }
        return Optional.of(script);
    }

    /** Runs the utility's compare.py if its kit is there; fails when the kit is there and python3 is not. */
    public static Optional<Result> runIfPresent(Path expectedDir, Path actualDir) throws IOException, InterruptedException {
        Optional<Path> script = script();
        if (script.isEmpty()) {
            return Optional.empty();
        }
        Process p;
        try {
            p = new ProcessBuilder("python3", script.get().toString(), "--expected", expectedDir.toString(),
                    "--actual", actualDir.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("the utility's acceptance kit is at " + script.get().getParent()
                    + " but python3 cannot be started to run its compare.py (" + e.getMessage()
                    + "): install python3, or set -D" + PROPERTY + "=/nonexistent to leave the kit out", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("compare.py timed out");
        }
        System.out.println(out);
        return Optional.of(new Result(p.exitValue(), out));
    }
}
