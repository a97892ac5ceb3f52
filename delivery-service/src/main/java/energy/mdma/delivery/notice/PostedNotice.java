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
 * @param postedBy operator (or service) who posted it
 * @param party    the party it is addressed to, or null for every party
 */
public record PostedNotice(String id, Kind kind, String title, String text, Instant from, Instant to,
                           Instant postedAt, String postedBy, String party) {

    public enum Kind { OUTAGE, TIMELINESS, INFO }

    /** Whether {@code reader} sees it: notices to everyone, and those addressed to the reader. */
    public boolean visibleTo(String reader) {
        return party == null || party.equals(reader);
    }
}
