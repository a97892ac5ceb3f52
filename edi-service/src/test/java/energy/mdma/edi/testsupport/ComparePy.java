package energy.mdma.edi.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the acceptance kit's compare.py (test only). */
public final class ComparePy {
    public record Result(int exitCode, String output) {
        public String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private ComparePy() {
    }

    public static boolean python3Available() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static Result run(Path expectedDir, Path actualDir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", ExpectedSample.COMPARE_PY.toString(),
                "--expected", expectedDir.toString(), "--actual", actualDir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("compare.py timed out");
        }
        return new Result(p.exitValue(), out);
    }
}
