package energy.mdma.edi.decision;

import java.util.ArrayList;
import java.util.List;

/**
 * How a receiver's transaction sets of a posting round go into 867 files: in order, a file is closed before a group
 * (a cancellation with its new original, or a lone set) that would take it past {@code maxIntervalsPerFile} intervals
 * or {@code maxTransactionsPerFile} sets. A group is never split (a cancellation stays with its original); a group
 * larger than the limits alone gets a file of its own.
 */
public final class FileBatching {
    private FileBatching() {
    }

    /** A group's size: its transaction sets and their intervals. */
    public record Group(int transactions, int intervals) {
    }

    /** @return the number of groups of each file, in order (the sum is the number of groups) */
    public static List<Integer> split(List<Group> groups, int maxIntervalsPerFile, int maxTransactionsPerFile) {
        List<Integer> files = new ArrayList<>();
        int inFile = 0;
        int fileTransactions = 0;
        long fileIntervals = 0;
        for (Group g : groups) {
            if (inFile > 0 && (fileIntervals + g.intervals() > maxIntervalsPerFile
                    || fileTransactions + g.transactions() > maxTransactionsPerFile)) {
                files.add(inFile);
                inFile = 0;
                fileTransactions = 0;
                fileIntervals = 0;
            }
            inFile++;
            fileTransactions += g.transactions();
            fileIntervals += g.intervals();
        }
        if (inFile > 0) {
            files.add(inFile);
        }
        return files;
    }
}
