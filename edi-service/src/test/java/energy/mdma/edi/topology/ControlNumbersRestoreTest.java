package energy.mdma.edi.topology;

import energy.mdma.events.DocumentPosted;
import energy.mdma.events.ReportRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ISA13 numbering continues from what was posted (mdma.edi.documents) whatever happened to edi's state (issue 14):
 * edi posts the sample, its state is wiped (a new state directory, no changelog), it posts again, and no receiver gets
 * an ISA13 (nor any report id) it got before.
 */
class ControlNumbersRestoreTest {
    static final SampleResults sample = SampleResults.loaded();

    @TempDir
    Path stateDir;

    @Test
    void afterTheCounterStateIsLostNoControlNumberIsReused() {
        List<DocumentPosted> first = post("first", PostedNumbers.NONE);
        assertFalse(first.isEmpty());
        PostedNumbers fromTopic = (partition, prefix) -> {
            PostedNumbers.Accumulator acc = new PostedNumbers.Accumulator(partition, prefix);
            first.forEach(acc::add);
            return acc.last();
        };
        List<DocumentPosted> again = post("wiped", fromTopic);
        assertFalse(again.isEmpty(), "a wiped state posts again");
        Set<String> isa13 = new HashSet<>();
        Set<String> reportIds = new HashSet<>();
        for (DocumentPosted d : first) {
            if (d.getInterchangeControlNumber() != null) {
                assertTrue(isa13.add(d.getReceiverPartyId() + "#" + d.getInterchangeControlNumber()));
            }
            d.getReports().forEach(r -> reportIds.add(r.getReportId()));
        }
        for (DocumentPosted d : again) {
            if (d.getInterchangeControlNumber() != null) {
                assertTrue(isa13.add(d.getReceiverPartyId() + "#" + d.getInterchangeControlNumber()),
                        "ISA13 " + d.getInterchangeControlNumber() + " to " + d.getReceiverPartyId() + " reused");
            }
            for (ReportRef r : d.getReports()) {
                assertTrue(reportIds.add(r.getReportId()), "report id " + r.getReportId() + " reused");
            }
        }
        // the numbering goes on right after what was posted (one sequence for all receivers of the partition)
        long lastPosted = first.stream().filter(d -> d.getInterchangeControlNumber() != null)
                .mapToLong(DocumentPosted::getInterchangeControlNumber).max().orElseThrow();
        long nextPosted = again.stream().filter(d -> d.getInterchangeControlNumber() != null)
                .mapToLong(DocumentPosted::getInterchangeControlNumber).min().orElseThrow();
        assertEquals(lastPosted + 1, nextPosted);

        // without the posted numbers, the wiped state would have numbered from 1 again (the test can fail)
        List<DocumentPosted> blind = post("blind", PostedNumbers.NONE);
        assertTrue(blind.stream().anyMatch(d -> d.getInterchangeControlNumber() != null
                && first.stream().anyMatch(f -> f.getReceiverPartyId().equals(d.getReceiverPartyId())
                && d.getInterchangeControlNumber().equals(f.getInterchangeControlNumber()))));
    }

    /** A fresh edi (new state) posts the sample's results: what it posted. */
    private List<DocumentPosted> post(String name, PostedNumbers posted) {
        try (EdiTestDriver edi = new EdiTestDriver("edi-numbers-" + name, stateDir.resolve(name),
                serdes -> EdiTopology.build(serdes, EdiTopology.Settings.defaults(), posted))) {
            edi.masterData(sample);
            edi.send(sample.results);
            return edi.post();
        }
    }
}
