package energy.mdma.vee.rules;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.VeeParameters;
import java.math.BigDecimal;

/**
 * Register usage (vee-rules.md section 5 steps 1 to 3): DIALS validity, rollover and reversed reads.
 */
public final class RegisterUsage {

    /** Kind of outcome for a valid (not DIALS) reading against the opening reading r'. */
    public enum Kind {
        /** r &gt;= r'. */
        NORMAL,
        /** r &lt; r' and the register rolled over. */
        ROLLOVER,
        /** r &lt; r' without plausible rollover: invalid. */
        REVERSED
    }

    /**
     * @param kind  the outcome
     * @param units register units consumed (0 when reversed)
     */
    public record Outcome(Kind kind, long units) {
        public boolean valid() {
            return kind != Kind.REVERSED;
        }

        public BigDecimal usage(ChannelConfig c) {
            return BigDecimal.valueOf(units).multiply(c.meterMultiplier());
        }
    }

    private RegisterUsage() {
    }

    /** @return true when the reading is invalid as DIALS (&gt;= 10^dials) or negative. */
    public static boolean isDials(long reading, ChannelConfig c) {
        return reading < 0 || reading >= c.registerModulus();
    }

    /** Steps 2 and 3 for a valid reading r against r'. */
    public static Outcome evaluate(long r, long rPrev, ChannelConfig c, VeeParameters p) {
        if (r >= rPrev) {
            return new Outcome(Kind.NORMAL, r - rPrev);
        }
        long mod = c.registerModulus();
        long wrapped = r + mod - rPrev;
        if (BigDecimal.valueOf(wrapped).compareTo(p.rolloverMaxFraction().multiply(BigDecimal.valueOf(mod))) <= 0) {
            return new Outcome(Kind.ROLLOVER, wrapped);
        }
        return new Outcome(Kind.REVERSED, 0);
    }
}
