package energy.mdma.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A pass starts only when global data arrived since the last complete pass began, and runs to its end. */
class PassesOnChangeTest {

    @Test
    void aPassRunsToItsEndAndThenOnlyAfterAChange() {
        PassesOnChange p = new PassesOnChange();
        assertTrue(p.due(0), "a task that starts checks every channel once");
        assertTrue(p.underWay());
        assertTrue(p.due(0), "the pass goes on until its last channel");
        p.completed();
        assertFalse(p.underWay());
        assertFalse(p.due(0), "nothing arrived: no pass");
        assertFalse(p.due(0));
        assertTrue(p.due(3), "global data arrived: a new pass");
        assertTrue(p.due(5), "more during the pass: it goes on");
        p.completed();
        assertTrue(p.due(5), "what arrived after the pass began is checked by another pass");
        p.completed();
        assertFalse(p.due(5));
    }
}
