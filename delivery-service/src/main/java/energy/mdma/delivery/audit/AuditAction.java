package energy.mdma.delivery.audit;

/** What was attempted. */
public enum AuditAction {
    LOGIN,
    LIST,
    DOWNLOAD,
    ACK,
    SUMMARY,
    ARCHIVE,
    PASSWORD_CHANGE,
    PARTY_CHANGE,
    NOTICE_POST,
    NOTICE_LIST,
    AUDIT_QUERY,
    PUSH,
    EDIT
}
