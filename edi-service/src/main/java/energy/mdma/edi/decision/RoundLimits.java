package energy.mdma.edi.decision;

import java.time.Duration;

/**
 * How much one punctuation of edi does (mdma.edi.* settings, application.properties): every round runs in the task's
 * transaction, so each is bounded in records and time, and what a round leaves stays marked for the next.
 *
 * @param accountPeriodsPerRound     a posting round takes at most this many dirty account-periods (those that post
 *                                   nothing count no intervals, so the intervals alone do not bound it)
 * @param roundTime                  and decides for at most about this long (then renders and checks what it decided)
 * @param masterDataAccountsPerRound accounts a master data check compares, from where the last one stopped
 * @param pruneTime                  a pruning round stops after about this long (it shares the transaction)
 * @param summaryDuringBacklog       a receiver's summary is posted once its oldest unposted change is this old, even
 *                                   while its rows keep changing
 * @param formerSummaryRowsPerRound  account-periods of the former summary store format taken over per summary round
 */
public record RoundLimits(int accountPeriodsPerRound, Duration roundTime, int masterDataAccountsPerRound,
                          Duration pruneTime, Duration summaryDuringBacklog, int formerSummaryRowsPerRound) {
    public static final RoundLimits DEFAULT = new RoundLimits(20_000, Duration.ofSeconds(30), 10_000,
            Duration.ofSeconds(10), Duration.ofMinutes(5), 2_000);

    public RoundLimits {
        positive("mdma.edi.account-periods-per-round", accountPeriodsPerRound);
        positive("mdma.edi.round-time", roundTime);
        positive("mdma.edi.master-data-accounts-per-round", masterDataAccountsPerRound);
        positive("mdma.edi.prune-time", pruneTime);
        positive("mdma.edi.summary-during-backlog", summaryDuringBacklog);
        positive("mdma.edi.former-summary-rows-per-round", formerSummaryRowsPerRound);
    }

    /**
     * Whether a posting round decides another account-period, having decided ones with {@code intervals} intervals in
     * {@code elapsedNanos}.
     */
    public boolean decidesMore(long intervals, long maxIntervalsPerRound, long elapsedNanos) {
        return intervals < maxIntervalsPerRound && elapsedNanos <= roundTime.toNanos();
    }

    /** Whether a pruning round looks at another account, having looked at {@code accounts} in {@code elapsedNanos}. */
    public boolean prunesMore(int accounts, int accountsPerPruneRound, long elapsedNanos) {
        return accounts < accountsPerPruneRound && (accounts == 0 || elapsedNanos <= pruneTime.toNanos());
    }

    private static void positive(String setting, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1, is " + value);
        }
    }

    private static void positive(String setting, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be a positive duration (e.g. PT30S), is " + value);
        }
    }
}
