package energy.mdma.vee.rules;

import energy.mdma.events.RawUnit;
import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.ReceivedIntervals;
import java.math.BigDecimal;

/**
 * Editing (vee-rules.md section 1): from a raw value to usage.
 * PULSE: round4(v * pulse_multiplier * meter_multiplier); UNIT: round4(v * meter_multiplier).
 *
 * <p>Fixed point, exact: the channel's multiplier M (pulse_multiplier * meter_multiplier, or
 * meter_multiplier) is an exact decimal m * 10^-s; with raw = v * 10^6, usage * 10^4 =
 * round_half_up(raw * m / 10^(2 + s)). The product is a long multiplication (BigDecimal only when it
 * would overflow).
 */
public final class UsageCalculation {

    /** The channel's multiplier, compiled once per evaluation. */
    public static final class Factor {
        private final long m;
        private final long divisor; // 10^(2+s) when 2+s >= 0
        private final long scaleUp; // 10^-(2+s) when 2+s < 0, else 1
        private final BigDecimal exact;

        private Factor(BigDecimal multiplier) {
            this.exact = multiplier;
            BigDecimal d = multiplier;
            int shift = ReceivedIntervals.RAW_SCALE - Fixed.SCALE + d.scale(); // 2 + s
            if (shift > 18) {
                // more decimals than a long divisor holds: drop exactly representable trailing zeros first
                d = d.stripTrailingZeros();
                shift = ReceivedIntervals.RAW_SCALE - Fixed.SCALE + d.scale();
            }
            if (d.unscaledValue().bitLength() > 62 || shift > 18 || shift < -18) {
                throw new IllegalArgumentException("unsupported multiplier " + multiplier);
            }
            this.m = d.unscaledValue().longValueExact();
            this.divisor = shift >= 0 ? pow10(shift) : 1;
            this.scaleUp = shift < 0 ? pow10(-shift) : 1;
        }

        /** @return round4(raw * 10^-6 * M) * 10^4 for a raw value * 10^6. */
        public long usage(long raw) {
            long hi = Math.multiplyHigh(raw, m);
            long lo = raw * m;
            if (((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) && scaleUp == 1) {
                return Fixed.divRoundHalfUp(lo, divisor);
            }
            BigDecimal exactUsage = BigDecimal.valueOf(raw, ReceivedIntervals.RAW_SCALE).multiply(exact);
            return Fixed.round4(exactUsage);
        }

        private static long pow10(int n) {
            long r = 1;
            for (int i = 0; i < n; i++) {
                r *= 10;
            }
            return r;
        }
    }

    private UsageCalculation() {
    }

    /** The exact multiplier of the channel's raw values. */
    public static Factor factor(ChannelConfig c) {
        return new Factor(c.rawUnit() == RawUnit.PULSE ? c.pulseMultiplier().multiply(c.meterMultiplier())
                : c.meterMultiplier());
    }

    /** @return the usage as a scaled long (scale 4) of a raw value * 10^6. */
    public static long usage(long raw, ChannelConfig c) {
        return factor(c).usage(raw);
    }

    /** @return the usage as a scaled long (scale 4); the decimal reference implementation. */
    public static long usage(BigDecimal raw, ChannelConfig c) {
        BigDecimal exact = c.rawUnit() == RawUnit.PULSE
                ? raw.multiply(c.pulseMultiplier()).multiply(c.meterMultiplier())
                : raw.multiply(c.meterMultiplier());
        return Fixed.round4(exact);
    }
}
