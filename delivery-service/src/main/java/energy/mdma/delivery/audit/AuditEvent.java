package energy.mdma.delivery.audit;

import java.time.Instant;

/**
 * One audited act: who, what, when, from where and the outcome. Never holds a password.
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
public record AuditEvent(String id, Instant at, String actor, String role, AuditAction action, String party,
                         String resource, String source, AuditOutcome outcome, String detail) {
}
