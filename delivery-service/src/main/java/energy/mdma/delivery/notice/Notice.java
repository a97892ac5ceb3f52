package energy.mdma.delivery.notice;

import java.time.Instant;

/**
 * An outage or timeliness notice for the parties.
 *
 * @param id       unique id
 * @param kind     OUTAGE, TIMELINESS or INFO
 * @param title    one line
 * @param text     the notice
 * @param from     start of what it announces (optional)
 * @param to       end of what it announces (optional)
 * @param postedAt when posted
 * @param postedBy operator who posted it
 */
public record Notice(String id, Kind kind, String title, String text, Instant from, Instant to,
                     Instant postedAt, String postedBy) {

    public enum Kind { OUTAGE, TIMELINESS, INFO }
}
