package energy.mdma.delivery.kafka;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditEntry;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.notice.PostedNotice;
import energy.mdma.events.AuditEvent;
import energy.mdma.events.Notice;
import energy.mdma.events.NoticeKind;

import java.util.List;
import java.util.Locale;

/** Maps the delivery service's audit events and notices to and from their Avro events. */
public final class DeliveryAvro {

    /** Key of notices addressed to every party. */
    public static final String EVERYONE = "*";

    private DeliveryAvro() {
    }

    public static AuditEvent toAvro(AuditEntry e) {
        return AuditEvent.newBuilder()
                .setEventId(e.id())
                .setAt(e.at())
                .setActor(e.actor() == null ? "" : e.actor())
                .setAction(e.action().name())
                .setTarget(e.resource())
                .setSourceAddress(e.source())
                .setOutcome(e.outcome().name())
                .setDetail(e.detail())
                .setParty(e.party())
                .setRole(e.role())
                .build();
    }

    public static AuditEntry fromAvro(AuditEvent a) {
        AuditAction action;
        String detail = a.getDetail();
        try {
            action = AuditAction.valueOf(a.getAction().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            action = AuditAction.OTHER;
            detail = a.getAction() + (detail == null ? "" : ": " + detail);
        }
        AuditOutcome outcome;
        try {
            outcome = AuditOutcome.valueOf(a.getOutcome().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String o = a.getOutcome().toUpperCase(Locale.ROOT);
            outcome = o.contains("FAIL") || o.contains("REJECT") || o.contains("ERROR") ? AuditOutcome.FAILURE
                    : o.contains("DENIED") || o.contains("FORBIDDEN") ? AuditOutcome.DENIED : AuditOutcome.SUCCESS;
            detail = (detail == null ? "" : detail + "; ") + "outcome=" + a.getOutcome();
        }
        String actor = a.getActor() == null || a.getActor().isEmpty() ? null : a.getActor();
        return new AuditEntry(a.getEventId(), a.getAt(), actor, a.getRole(), action, a.getParty(), a.getTarget(),
                a.getSourceAddress(), outcome, detail);
    }

    public static Notice toAvro(PostedNotice n) {
        NoticeKind kind = switch (n.kind()) {
            case OUTAGE -> NoticeKind.OUTAGE;
            case TIMELINESS -> NoticeKind.TIMELINESS_AT_RISK;
            case INFO -> NoticeKind.GENERAL;
        };
        return Notice.newBuilder()
                .setNoticeId(n.id())
                .setKind(kind)
                .setPartyId(n.party() == null ? EVERYONE : n.party())
                .setPostedAt(n.postedAt())
                .setPostedBy(n.postedBy())
                .setText(n.text())
                .setAccounts(List.of())
                .setExpectedBy(n.to())
                .setTitle(n.title())
                .setStartsAt(n.from())
                .build();
    }

    public static PostedNotice fromAvro(Notice a) {
        PostedNotice.Kind kind = switch (a.getKind()) {
            case OUTAGE -> PostedNotice.Kind.OUTAGE;
            case TIMELINESS_AT_RISK, TIMELINESS_MISSED -> PostedNotice.Kind.TIMELINESS;
            case GENERAL -> PostedNotice.Kind.INFO;
        };
        String title = a.getTitle();
        if (title == null) {
            title = switch (a.getKind()) {
                case OUTAGE -> "Outage";
                case TIMELINESS_AT_RISK -> "Timeliness at risk";
                case TIMELINESS_MISSED -> "Timeliness missed";
                case GENERAL -> "Notice";
            };
            if (!a.getAccounts().isEmpty()) {
                title += " (" + a.getAccounts().size() + " account" + (a.getAccounts().size() == 1 ? ")" : "s)");
            }
        }
        String text = a.getText();
        if (!a.getAccounts().isEmpty()) {
            text = text + "\nAccounts: " + String.join(", ", a.getAccounts());
        }
        String party = a.getPartyId() == null || a.getPartyId().isEmpty() || EVERYONE.equals(a.getPartyId())
                ? null : a.getPartyId();
        return new PostedNotice(a.getNoticeId(), kind, title, text, a.getStartsAt(), a.getExpectedBy(), a.getPostedAt(),
                a.getPostedBy(), party);
    }
}
