package energy.mdma.edi.decision;


import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The correction horizon of edi (root README "Correction horizon"): an account-period whose period end is more than
 * {@code correctionHorizonDays} and {@link #SLACK_DAYS} before edi's today is final. edi's today is the newest period
 * end of a result with data, not later than the wall clock's date in the prevailing zone.
 */
public final class CorrectionHorizon {
    /**
     * edi counts its horizon this many days further back than vee: its today is the newest period end with data, which
     * runs ahead of vee's (the newest day of data) by up to a read period (62 days), and the partitions of edi and vee
     * differ (30 days for their skew). So edi never drops a correction vee still publishes, nor prunes what it needs.
     */
    public static final int SLACK_DAYS = 92;
    /** Before any result with data: nothing is final. */
    public static final LocalDate NOTHING_FINAL = LocalDate.of(1900, 1, 1);
    /** No result with data yet. */
    public static final long NO_DATA = Long.MIN_VALUE;

    private final int correctionHorizonDays;
    private final ZoneId zone;

    public CorrectionHorizon(int correctionHorizonDays, ZoneId zone) {
        this.correctionHorizonDays = correctionHorizonDays;
        this.zone = zone;
    }

    /**
     * The first period end a correction still reaches at {@code nowMs}: older account-periods are final.
     *
     * @param newestPeriodEnd the newest period end (epoch day) of a result with data; {@link #NO_DATA}: none yet
     */
    public LocalDate firstOpenPeriodEnd(long newestPeriodEnd, long nowMs) {
        if (newestPeriodEnd == NO_DATA) {
            return NOTHING_FINAL;
        }
        long today = Instant.ofEpochMilli(nowMs).atZone(zone).toLocalDate().toEpochDay();
        return LocalDate.ofEpochDay(Math.min(newestPeriodEnd, today)).minusDays(correctionHorizonDays + SLACK_DAYS);
    }

    /** Whether an account-period ending on {@code periodEnd} is final under the horizon {@code firstOpen}. */
    public static boolean isFinal(LocalDate periodEnd, LocalDate firstOpen) {
        return periodEnd.isBefore(firstOpen);
    }

    /** The newest period end (epoch day) after a result arrived: moved by results with data only. */
    public static long newestPeriodEnd(long before, ResultHeader r) {
        return r.hasData() ? Math.max(before, r.periodEnd().toEpochDay()) : before;
    }

    /** A stored result is replaced by a newer or equal version only: an older version arriving late changes nothing. */
    public static boolean supersedes(ResultHeader stored, ResultHeader arriving) {
        return stored == null || stored.version() <= arriving.version();
    }
}
