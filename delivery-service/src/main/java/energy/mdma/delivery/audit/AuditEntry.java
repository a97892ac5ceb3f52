package energy.mdma.delivery.audit;

import energy.mdma.service.text.SafeText;

import java.time.Instant;

/**
 * One audited act: who, what, when, from where and the outcome. Never holds a password.
 *
 * <p>Every text field is capped and freed of control characters here ({@link SafeText}), whoever built the event:
 * the request path, the user name as sent, a reason, or an event read back from the log (written by another
 * service, or before the caps existed). So one request can add at most a few hundred characters to the audit view,
 * and nothing in it can forge a line of a report or log.
 *
 * @param id       unique id
 * @param at       when
 * @param actor    user name as sent (may be unknown or null for anonymous requests)
 * @param role     the actor's role when authenticated, else null
 * @param action   what
 * @param party    whose mailbox/archive/credential it concerned, or null
 * @param resource file id, notice id, request path ...
 * @param source   remote address
 * @param outcome  how it ended
 * @param detail   short text (e.g. "BAD_PASSWORD", "status=new count=12")
 */
public record AuditEntry(String id, Instant at, String actor, String role, AuditAction action, String party,
                         String resource, String source, AuditOutcome outcome, String detail) {

    /** Longest kept id, actor, party, role and source (party ids are at most 64 characters). */
    public static final int MAX_NAME = 64;
    /** Longest kept resource (a path, a file id, a query) and detail. */
    public static final int MAX_TEXT = 256;

    public AuditEntry {
        id = SafeText.cap(id, MAX_NAME);
        actor = SafeText.cap(actor, MAX_NAME);
        role = SafeText.cap(role, 16);
        party = SafeText.cap(party, MAX_NAME);
        resource = SafeText.cap(resource, MAX_TEXT);
        source = SafeText.cap(source, MAX_NAME);
        detail = SafeText.cap(detail, MAX_TEXT);
    }

    /** What the event holds in memory, roughly (for the byte budget of the in-memory view). */
    public long estimatedBytes() {
        return 160 + chars(id) + chars(actor) + chars(role) + chars(party) + chars(resource) + chars(source)
                + chars(detail);
    }

    private static long chars(String s) {
        // a String object plus its array; two bytes a character when it is not Latin-1
        return s == null ? 0 : 48 + 2L * s.length();
    }
}
