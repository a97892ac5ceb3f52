package energy.mdma.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the project's example package (a package as the utility sends it, with its expected results) for the tests
 * of every module: the directory named by the system property {@value #PROPERTY} if it is set, else the repository's
 * own {@value #FIXTURE}, looked for from the working directory (a module's directory under Maven) upwards.
 *
 * <p>Nothing here answers "absent, so skip": a test that needs the package and does not find it fails, saying what
 * is missing, where it looked and what to do.
 */
public final class ExamplePackage {
    /** System property naming another package directory (same layout, with {@code expected/}). */
    public static final String PROPERTY = "mdma.sample.dir";
    /** Where the package is inside the repository. */
    public static final String FIXTURE = "examples/sample";

    private ExamplePackage() {
    }

    /** The package directory; fails if it cannot be found. */
    public static Path dir() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            Path dir = Path.of(property).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("the example package named by -D" + PROPERTY + "=" + property
                        + " is not a directory (" + dir + "): name a package directory, or drop the property to use "
                        + "the repository's " + FIXTURE);
            }
            return dir;
        }
        List<Path> looked = new ArrayList<>();
        for (Path d = Path.of("").toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path candidate = d.resolve(FIXTURE);
            looked.add(candidate);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the example package " + FIXTURE + " was not found; looked in " + looked
                + ". It is part of the repository: run the tests inside a checkout (restore it with "
                + "'git checkout -- " + FIXTURE + "'), or set -D" + PROPERTY + "=DIR to a package directory");
    }

    /** A file of the package (e.g. {@code "meters.csv"}, {@code "expected/summary.csv"}); fails if it is not there. */
    public static Path file(String name) {
        Path dir = dir();
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the example package at " + dir + " has no " + name + " (looked for "
                    + file + "): restore the package ('git checkout -- " + FIXTURE + "') or name a complete one with -D"
                    + PROPERTY + "=DIR");
        }
        return file;
    }

    /** The package's expected results directory ({@code expected/}, with expected.json and summary.csv). */
    public static Path expected() {
        return file("expected/expected.json").getParent();
    }
}
