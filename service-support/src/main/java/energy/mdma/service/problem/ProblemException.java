package energy.mdma.service.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ends a request with a problem detail (and optional extra headers). */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(Problem problem) {
        super(problem.getDetail(), null, false, false);
        this.problem = problem;
    }

    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(new Problem("bad-request", "Bad request", 400, detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(new Problem("forbidden", "Forbidden", 403, detail));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(new Problem("not-found", "Not found", 404, detail));
    }
}
