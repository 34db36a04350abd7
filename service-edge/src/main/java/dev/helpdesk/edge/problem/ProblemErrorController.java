package dev.helpdesk.edge.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.net.URI;

/**
 * Answers what the servlet container sends to {@code /error} (failures before or outside Spring MVC: a filter, the
 * container itself) as a catalogue problem instead of Boot's own JSON, with nothing of the failure's message.
 */
@Controller
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        if (status == 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && DependencyOutage.isOutage(failure)) {
            // a filter (idempotency keys, contact membership) could not reach the database
            ProblemDetail problem = Problems.of(ProblemType.SERVICE_UNAVAILABLE,
                    "The service cannot reach its database right now; retry shortly.");
            if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
                problem.setInstance(URI.create(uri));
            }
            return ResponseEntity.status(503).header("Retry-After", "5").body(problem);
        }
        ProblemType type = ProblemType.forStatus(status);
        ProblemDetail problem = Problems.of(type, status >= 500 ? "Something went wrong on our side." : type.title() + ".");
        problem.setStatus(status);
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            problem.setInstance(URI.create(uri));
        }
        return ResponseEntity.status(status).body(problem);
    }
}
