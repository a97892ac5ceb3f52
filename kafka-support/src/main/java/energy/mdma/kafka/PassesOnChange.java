package energy.mdma.kafka;

/**
 * When a task's check of its state against global data (e.g. each channel against its master data) goes over it: a
 * pass (everything, a slice per round) starts when the global stores took in records since the last complete pass
 * began ({@link GlobalStoreVersion}), and then runs to its end; with nothing new it does not run at all. So the check
 * costs nothing while the global data stay as they are, instead of a look at everything ever held every few seconds;
 * a change costs one pass.
 */
public final class PassesOnChange {
    private static final long NONE = -1;
    private long underWaySince = NONE; // the version when the pass under way started
    private long lastCompleteSince = NONE; // the version when the last complete pass started

    /** Whether a round of the check runs now, the global data being at {@code version}: a pass under way, or a new one. */
    public boolean due(long version) {
        if (underWaySince != NONE) {
            return true;
        }
        if (version == lastCompleteSince) {
            return false;
        }
        underWaySince = version;
        return true;
    }

    /** The pass under way reached its end. */
    public void completed() {
        lastCompleteSince = underWaySince;
        underWaySince = NONE;
    }

    public boolean underWay() {
        return underWaySince != NONE;
    }
}
