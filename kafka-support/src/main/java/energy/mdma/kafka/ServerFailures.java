package energy.mdma.kafka;

/**
 * How a failed Kafka read or write is told apart: a server that could not be reached (the schema registry or the
 * broker: connection refused or closed, a timeout), which is no fault of the record and calls for a retry, from an
 * error of the record itself. One rule for the services: vee's and edi's dead letters ({@link DeadLetters}) and
 * ingest's publisher (503 instead of an incident).
 */
public final class ServerFailures {
    private ServerFailures() {
    }

    /**
     * True when anything in the cause chain says a server was away (connection refused or closed, a timeout) rather
     * than that the record was wrong.
     */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String n = t.getClass().getName();
            // not any IOException: Avro reports damaged bytes as one (EOFException)
            if (t instanceof java.util.concurrent.TimeoutException || n.startsWith("java.net.")
                    || n.startsWith("io.vertx.") || n.contains("HttpClosed") || n.contains("ConnectException")
                    || n.contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    /** The root cause, short (at most 300 characters), without the record's content. */
    public static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        String s = t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
