package energy.mdma.bench;

import energy.mdma.bench.Edi867Parser.ChannelLoop;
import energy.mdma.bench.Edi867Parser.Transaction;

import java.time.Instant;

/** Compares an original 867 report of a bench account-period with what the bench generated for it. */
final class ContentCheck {
    private ContentCheck() {
    }

    /** True when no quantity of the report is estimated (KA): every read of the period was sent, so none may be. */
    static boolean isFinal(Transaction t) {
        if (!t.original()) {
            return false;
        }
        for (ChannelLoop c : t.channels()) {
            if (c.anyEstimated()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why the original {@code t} does not carry exactly the expected data (one meter, one interval channel, every
     * interval end and usage, the period total equal to the generated sum, nothing estimated), or null when it does.
     */
    static String mismatch(Transaction t, BenchData.Expected e) {
        String where = "report " + t.reportId() + " (" + t.serviceAccount() + ", period " + e.from() + ".." + e.to()
                + ")";
        if (!t.original()) {
            return where + ": not an original";
        }
        if (t.channels().size() != 1) {
            return where + ": " + t.channels().size() + " channel loops, expected 1 (meter " + e.meterId() + ")";
        }
        ChannelLoop c = t.channels().get(0);
        if (!c.meterId().equals(e.meterId()) || c.channel() != e.channel()) {
            return where + ": meter " + c.meterId() + " channel " + c.channel() + ", expected " + e.meterId()
                    + " channel " + e.channel();
        }
        if (!c.from().equals(e.from()) || !c.to().equals(e.to())) {
            return where + ": period " + c.from() + ".." + c.to() + " in DTM*150/151";
        }
        if (!c.interval()) {
            return where + ": no interval loop (PTD*PM)";
        }
        if (c.totalEstimated()) {
            return where + ": the period total is KA (estimated) although every read was sent";
        }
        if (c.total1e4() != e.total1e4()) {
            return where + ": period total " + fmt(c.total1e4()) + ", generated sum " + fmt(e.total1e4());
        }
        long[] ends = c.intervalEnds();
        long[] usage = c.usage1e4();
        if (ends.length != e.intervalEnds().length) {
            return where + ": " + ends.length + " intervals, expected " + e.intervalEnds().length;
        }
        if (c.estimatedIntervals() > 0) {
            return where + ": " + c.estimatedIntervals() + " intervals KA (estimated) although every read was sent";
        }
        long sum = 0;
        for (int i = 0; i < ends.length; i++) {
            if (ends[i] != e.intervalEnds()[i]) {
                return where + ": interval " + (i + 1) + " ends " + Instant.ofEpochSecond(ends[i]) + ", expected "
                        + Instant.ofEpochSecond(e.intervalEnds()[i]);
            }
            if (usage[i] != e.usage1e4()[i]) {
                return where + ": interval ending " + Instant.ofEpochSecond(ends[i]) + " is " + fmt(usage[i])
                        + ", generated " + fmt(e.usage1e4()[i]);
            }
            sum += usage[i];
        }
        if (sum != c.total1e4()) {
            return where + ": the intervals sum to " + fmt(sum) + " but the period total is " + fmt(c.total1e4());
        }
        return null;
    }

    /** A value * 10^4 as a plain decimal. */
    static String fmt(long v1e4) {
        return java.math.BigDecimal.valueOf(v1e4, 4).stripTrailingZeros().toPlainString();
    }
}
