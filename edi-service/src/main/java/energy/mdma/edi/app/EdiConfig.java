package energy.mdma.edi.app;

import energy.mdma.kafka.KafkaPrincipalConfig;
import energy.mdma.kafka.RegistryConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** The EDI service's own settings (prefix {@code mdma}; application.properties sets them, with their reasons). */
@ConfigMapping(prefix = "mdma")
public interface EdiConfig {

    RegistryConfig registry();

    /** The service's SCRAM principal (also read by {@code quarkus.kafka-streams.*} in application.properties). */
    KafkaPrincipalConfig kafka();

    /**
     * Account-periods whose read date is more than this many days ago are final; their state is pruned (README
     * "Correction horizon"; vee-service has the same setting and must have the same value).
     */
    @WithName("correction-horizon-days")
    @WithDefault("400")
    int correctionHorizonDays();

    Edi edi();

    /** The topology's settings (EdiTopology.Settings, EdiTopology.Horizon) and its round limits (RoundLimits). */
    interface Edi {
        /** How often the dirty account-periods are posted. */
        @WithName("post-every")
        @WithDefault("PT2S")
        Duration postEvery();

        /** The MDMA's identity in the X12 envelope (ISA06/GS02) and in file names. */
        @WithName("mdma-id")
        @WithDefault("MDMA")
        String mdmaId();

        /** The MDMA's DUNS number in the documents. */
        @WithName("mdma-duns")
        @WithDefault("123456789")
        String mdmaDuns();

        /** ISA15: P (production) or T (test); anything else is refused at start. */
        @WithName("usage-indicator")
        @WithDefault("P")
        String usageIndicator();

        /** A file holds at most this many intervals ... */
        @WithName("max-intervals-per-file")
        @WithDefault("60000")
        int maxIntervalsPerFile();

        /** ... and at most this many transactions. */
        @WithName("max-transactions-per-file")
        @WithDefault("5000")
        int maxTransactionsPerFile();

        /** How often the master data are compared with what was posted, a slice of accounts per round. */
        @WithName("master-data-check-every")
        @WithDefault("PT30S")
        Duration masterDataCheckEvery();

        /** A posting round takes account-periods holding at most this many intervals. */
        @WithName("max-intervals-per-round")
        @WithDefault("1000000")
        long maxIntervalsPerRound();

        /** A summary is posted once its rows have been quiet this long. */
        @WithName("summary-quiet")
        @WithDefault("PT10S")
        Duration summaryQuiet();

        /** The read dates a summary covers, in days. */
        @WithName("summary-window-days")
        @WithDefault("35")
        int summaryWindowDays();

        /** Rows per part of a summary report. */
        @WithName("summary-rows-per-part")
        @WithDefault("100000")
        int summaryRowsPerPart();

        /** How often a pruning round runs. */
        @WithName("prune-every")
        @WithDefault("PT1M")
        Duration pruneEvery();

        /** Accounts a pruning round looks at, at most (about {@link #pruneTime()}); the next round goes on from there. */
        @WithName("accounts-per-prune-round")
        int accountsPerPruneRound();

        /** Round limits (RoundLimits): dirty account-periods a posting round takes, at most. */
        @WithName("account-periods-per-round")
        int accountPeriodsPerRound();

        /** ... and about how long it decides. */
        @WithName("round-time")
        Duration roundTime();

        /** Accounts a master data check compares. */
        @WithName("master-data-accounts-per-round")
        int masterDataAccountsPerRound();

        /** About how long a pruning round runs. */
        @WithName("prune-time")
        Duration pruneTime();

        /** A summary is posted once its oldest unposted change is this old, even while its rows keep changing. */
        @WithName("summary-during-backlog")
        Duration summaryDuringBacklog();

        /** Account-periods of the summary store's former format taken over per summary round. */
        @WithName("former-summary-rows-per-round")
        int formerSummaryRowsPerRound();
    }
}
