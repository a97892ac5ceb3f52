package energy.mdma.platform.broker.backup;

/** A backup or restore that cannot go on: the message says what, where and what to do. */
public final class BackupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
