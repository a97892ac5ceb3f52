package energy.mdma.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every e2e class starts from and ends with: python3 there, an empty MDMA_HOME, then {@code ./mdma up} before
 * its tests; {@code ./mdma down} after them (when the stack came up).
 */
abstract class OnAFreshStack {
    private static boolean up;

    @BeforeAll
    static void startTheStack() throws Exception {
        EndToEndTest.upFromScratch();
        up = true;
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (up) {
            up = false;
            EndToEndTest.down();
        }
    }
}
