package energy.mdma.vee.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every reason an interval is invalid is counted under the failure point of the same name (vee-rules.md section 7). */
class FailureCodeTest {

    @Test
    void everyInvalidReasonHasTheFailurePointOfItsName() {
        for (InvalidReason r : InvalidReason.values()) {
            assertEquals(r.name(), FailureCode.of(r).name());
        }
    }
}
