package energy.mdma.edi.app;

import energy.mdma.edi.decision.RoundLimits;
import energy.mdma.edi.model.UsageIndicator;
import energy.mdma.edi.topology.EdiTopology;
import energy.mdma.edi.topology.PostedNumbers;
import energy.mdma.kafka.KafkaClientSecurity;
import energy.mdma.kafka.ReplaceFailedStreamThread;
import energy.mdma.kafka.SerdeFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Wires the EDI topology into Quarkus' Kafka Streams runtime (exactly-once, state in RocksDB). */
@ApplicationScoped
public class EdiStreamsConfig {

    @ConfigProperty(name = "mdma.registry.url")
    String registryUrl;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "mdma.kafka.security-protocol")
    String kafkaProtocol;
    @ConfigProperty(name = "mdma.kafka.username")
    String kafkaUsername;
    @ConfigProperty(name = "mdma.kafka.password")
    java.util.Optional<String> kafkaPassword;
    @ConfigProperty(name = "quarkus.kafka-streams.ssl.truststore.location")
    java.util.Optional<String> kafkaTruststore;

    @ConfigProperty(name = "mdma.edi.post-every", defaultValue = "PT2S")
    Duration every;

    @ConfigProperty(name = "mdma.edi.mdma-id", defaultValue = "MDMA")
    String mdmaId;

    @ConfigProperty(name = "mdma.edi.mdma-duns", defaultValue = "123456789")
    String mdmaDuns;

    @ConfigProperty(name = "mdma.edi.usage-indicator", defaultValue = "P")
    String usageIndicator;

    @ConfigProperty(name = "mdma.edi.max-intervals-per-file", defaultValue = "60000")
    int maxIntervalsPerFile;

    @ConfigProperty(name = "mdma.edi.max-transactions-per-file", defaultValue = "5000")
    int maxTransactionsPerFile;

    @ConfigProperty(name = "mdma.edi.master-data-check-every", defaultValue = "PT30S")
    Duration masterDataCheckEvery;

    @ConfigProperty(name = "mdma.edi.max-intervals-per-round", defaultValue = "1000000")
    long maxIntervalsPerRound;

    @ConfigProperty(name = "mdma.edi.summary-quiet", defaultValue = "PT10S")
    Duration summaryQuiet;

    @ConfigProperty(name = "mdma.edi.summary-window-days", defaultValue = "35")
    int summaryWindowDays;

    @ConfigProperty(name = "mdma.edi.summary-rows-per-part", defaultValue = "100000")
    int summaryRowsPerPart;

    /** Account-periods whose read date is more than this many days ago are final; their state is pruned. */
    @ConfigProperty(name = "mdma.correction-horizon-days", defaultValue = "400")
    int correctionHorizonDays;

    @ConfigProperty(name = "mdma.edi.prune-every", defaultValue = "PT1M")
    Duration pruneEvery;

    /** Accounts a pruning round looks at, at most (about mdma.edi.prune-time); the next round goes on from there. */
    @ConfigProperty(name = "mdma.edi.accounts-per-prune-round")
    int accountsPerPruneRound;

    /** Round limits (RoundLimits): how much one punctuation does, in its transaction. */
    @ConfigProperty(name = "mdma.edi.account-periods-per-round")
    int accountPeriodsPerRound;

    @ConfigProperty(name = "mdma.edi.round-time")
    Duration roundTime;

    @ConfigProperty(name = "mdma.edi.master-data-accounts-per-round")
    int masterDataAccountsPerRound;

    @ConfigProperty(name = "mdma.edi.prune-time")
    Duration pruneTime;

    @ConfigProperty(name = "mdma.edi.summary-during-backlog")
    Duration summaryDuringBacklog;

    @ConfigProperty(name = "mdma.edi.former-summary-rows-per-round")
    int formerSummaryRowsPerRound;

    /** Singleton, not a client proxy: KafkaStreams reads the topology's internals directly. */
    @Produces
    @Singleton
    Topology topology() {
        return EdiTopology.build(SerdeFactory.registry(registryUrl), new EdiTopology.Settings(every, mdmaId, mdmaDuns,
                UsageIndicator.fromCode(usageIndicator), maxIntervalsPerFile, maxTransactionsPerFile,
                masterDataCheckEvery, maxIntervalsPerRound, summaryQuiet, summaryWindowDays, summaryRowsPerPart),
                new EdiTopology.Horizon(correctionHorizonDays, pruneEvery, accountsPerPruneRound), postedNumbers(),
                new RoundLimits(accountPeriodsPerRound, roundTime, masterDataAccountsPerRound, pruneTime,
                        summaryDuringBacklog, formerSummaryRowsPerRound));
    }

    /** mdma.edi.documents as edi's principal: numbering continues from what was posted (ControlNumbers). */
    PostedNumbers postedNumbers() {
        String protocol = kafkaProtocol;
        String username = kafkaUsername;
        String password = kafkaPassword.orElse(null);
        String truststore = kafkaTruststore.orElse(null);
        String bootstrap = bootstrapServers;
        String registry = registryUrl;
        // the client settings are checked when needed (as Kafka Streams' own), not when the topology is built
        return (partition, prefix) -> {
            java.util.Properties p = new java.util.Properties();
            p.putAll(KafkaClientSecurity.scram(protocol, username, password, truststore));
            p.put("bootstrap.servers", bootstrap);
            return new KafkaPostedNumbers(p, registry).of(partition, prefix);
        };
    }

    /** A failed stream thread is replaced, within bounds (see ReplaceFailedStreamThread); Quarkus hands it to KafkaStreams. */
    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler streamThreadFailures() {
        return new ReplaceFailedStreamThread();
    }
}
