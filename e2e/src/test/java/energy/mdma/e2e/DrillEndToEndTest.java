package energy.mdma.e2e;

import energy.mdma.edi.testsupport.AcceptanceCheck;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static energy.mdma.e2e.EndToEndTest.COMPLETE;
import static energy.mdma.e2e.EndToEndTest.HOME;
import static energy.mdma.e2e.EndToEndTest.SAMPLE;
import static energy.mdma.e2e.EndToEndTest.deleteTree;
import static energy.mdma.e2e.EndToEndTest.logs;
import static energy.mdma.e2e.EndToEndTest.mdma;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The short form of the fault drill (issue 14): {@code ./mdma drill} sends the example package through the stack while
 * each of ingest, vee, edi, delivery, the registry and the broker is killed once with SIGKILL (edi a second time while
 * it restores its state); the supervisor of {@code ./mdma up} brings each back. Nothing may be lost or posted twice,
 * no ISA13 reused, no acknowledgement lost, and the results must equal the expected ones of a run without faults.
 */
class DrillEndToEndTest extends OnAFreshStack {

    @Test
    void everyPartKilledOnceLosesNothingAndPostsNothingTwice() throws Exception {
        Path out = HOME.resolve("drill-out");
        EndToEndTest.Result drill = mdma(Duration.ofMinutes(30), "drill", SAMPLE.toString(), out.toString(),
                "--rounds", "6", "--seed", "20261204", "--expected", SAMPLE.resolve("expected").toString());
        assertTrue(drill.output().contains("lost 0, duplicated 0"), "the drill found losses or duplicates:\n"
                + drill.output() + logs());
        assertEquals(0, drill.exit(), "./mdma drill failed:\n" + drill.output() + logs());
        for (String part : new String[] {"killed registry", "killed ingest", "killed broker", "killed delivery",
                "killed vee", "killed edi", "killed edi again while it restored its state"}) {
            assertTrue(drill.output().contains(part), "the drill did not do: " + part + "\n" + drill.output());
        }
        assertEquals(COMPLETE, AcceptanceCheck.verdictOnExamplePackage(out));
    }
}
