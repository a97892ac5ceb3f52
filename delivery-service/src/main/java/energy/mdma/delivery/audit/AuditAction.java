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
    /** A party's e-mail contacts set (PUT /api/v1/parties/{party}/contacts). */
    CONTACTS,
    /** An e-mail sent, or a failed attempt (data availability, notices). */
    MAIL,
    /** A contingency export of a party's files (operations.md section 4). */
    EXPORT,
    EDIT,
    /** An archive interchange was issued with an ISA13 control number (kept as the per-party counter's event). */
    ARCHIVE_ISSUED,
    /** A file uploaded to ingest (written by ingest-service). */
    UPLOAD,
    /** Timeliness figures read (GET /api/v1/timeliness) or the SLA dashboard page. */
    TIMELINESS,
    /** Exceptions listed, read or resolved by hand (GET/POST /api/v1/exceptions). */
    EXCEPTION,
    /** An action written by another service that this one does not know. */
    OTHER
}
