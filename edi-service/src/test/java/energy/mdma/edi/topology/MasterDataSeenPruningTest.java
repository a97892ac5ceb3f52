package energy.mdma.edi.topology;

import energy.mdma.kafka.MasterDataDigest;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edi-account-master-data-seen} is bounded like the other stage-1 stores: an account's entry (the master data
 * its account-periods were decided with) goes when the pruning round has deleted its last account-period beyond the
 * correction horizon, and an entry left without account-periods (a store from before) goes at the next pass of the
 * master data check. Sample accounts in TopologyTestDriver with its wall clock.
 */
class MasterDataSeenPruningTest {
    static final SampleResults sample = SampleResults.loaded();

    @TempDir
    Path stateDir;

    static Set<String> keys(KeyValueStore<String, MasterDataDigest> store) {
        Set<String> keys = new TreeSet<>();
        try (KeyValueIterator<String, MasterDataDigest> it = store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    @Test
    void anAccountsEntryIsPrunedWithItsLastAccountPeriodAndALeftoverAtTheNextCheck() {
        try (EdiTestDriver edi = new EdiTestDriver("edi-master-data-seen-test", stateDir,
                new EdiTopology.Horizon(90, Duration.ofMinutes(1), 3))) {
            TopologyTestDriver driver = edi.driver;
            edi.masterData(sample);
            edi.send(sample.results);
            edi.rounds();
            KeyValueStore<String, MasterDataDigest> seen = driver.getKeyValueStore(EdiTopology.MASTER_DATA_SEEN_STORE);
            Map<String, LocalDate> newestOfAccount = new TreeMap<>();
            sample.results.forEach(r -> newestOfAccount.merge(r.getServiceAccount(), r.getPeriodEnd(),
                    (a, b) -> a.isAfter(b) ? a : b));
            assertEquals(newestOfAccount.keySet(), keys(seen), "every account decided has its entry");

            // data up to 2026-06-24 (another account's): the horizon is 2026-06-24 - 90 - 92 days = 2025-12-24, between
            // the sample's newest period ends (2025-12-22, 12-23 and 12-29)
            driver.advanceWallClockTime(Duration.ofDays(400));
            edi.sendNewerPeriod(sample, LocalDate.parse("2026-05-24"), LocalDate.parse("2026-06-24"));
            for (int i = 0; i < 10; i++) {
                driver.advanceWallClockTime(Duration.ofMinutes(1)); // pruning rounds of three accounts
            }
            LocalDate horizonDay = LocalDate.parse("2025-12-24");
            Set<String> stillOpen = newestOfAccount.entrySet().stream().filter(e -> !e.getValue().isBefore(horizonDay))
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
            assertTrue(!stillOpen.isEmpty() && stillOpen.size() < newestOfAccount.size(),
                    "the sample has accounts on both sides of the horizon: " + newestOfAccount);
            Set<String> expected = new TreeSet<>(stillOpen);
            expected.add("9999999999"); // decided (its meters unknown), inside the horizon
            assertEquals(expected, keys(seen), "the accounts with an account-period inside the horizon only");

            // an entry without any account-period (left by a version that did not prune this store) goes at the next
            // pass of the master data check, whatever its fingerprint: the accounts are gone over once at every start
            // (as after the upgrade that found such a store) and when master data arrive (here: a party again)
            seen.put("0000000001", new MasterDataDigest("stale".getBytes(StandardCharsets.US_ASCII)));
            driver.advanceWallClockTime(Duration.ofSeconds(30));
            assertTrue(keys(seen).contains("0000000001"), "no master data arrived: no pass");
            sample.parties.stream().limit(1).forEach(x -> edi.parties.pipeInput(x.getPartyId(), x));
            driver.advanceWallClockTime(Duration.ofSeconds(30));
            assertEquals(expected, keys(seen));
        }
    }
}
