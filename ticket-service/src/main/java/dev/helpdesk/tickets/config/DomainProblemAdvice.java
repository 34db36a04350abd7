package dev.helpdesk.tickets.config;

import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.edge.problem.ProblemType;
import dev.helpdesk.edge.problem.Problems;
import dev.helpdesk.tickets.domain.DomainException;
import dev.helpdesk.tickets.domain.InvalidInputException;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.domain.NotPermittedException;
import dev.helpdesk.tickets.domain.RuleViolationException;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps this service's refusals to the problem catalogue (before service-edge's advice, which answers everything
 * else): a field only the domain can judge 400 (with the field), a broken rule 422, an illegal state change 409, a role that may not 403, an unknown resource 404, each
 * with the domain's reason; a stale or concurrent aggregate version 409 {@code stale-version}. Refused commands
 * are counted by reason.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DomainProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(DomainProblemAdvice.class);

    private final MeterRegistry meters;

    DomainProblemAdvice(MeterRegistry meters) {
        this.meters = meters;
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DomainException domain) {
            return domain(domain);
        }
        if (cause instanceof ConflictingAggregateVersionException stale) {
            return stale(stale);
        }
        if (cause instanceof ConcurrencyException concurrent) {
            return concurrent(concurrent);
        }
        if (cause instanceof AggregateNotFoundException missing) {
            return unknown(missing);
        }
        if (cause instanceof ProblemException problem) {
            return answer(problem.toProblemDetail());
        }
        log.error("Command failed unexpectedly", e);
        return answer(Problems.of(ProblemType.INTERNAL_ERROR, "Something went wrong on our side."));
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e) {
        if (e instanceof NotFoundException) {
            return answer(Problems.of(ProblemType.NOT_FOUND, e.getMessage()));
        }
        if (e instanceof InvalidInputException invalid) {
            rejected(e.reason());
            return answer(ProblemException.invalid(invalid.field(), invalid.getMessage()).toProblemDetail());
        }
        ProblemType type = e instanceof RuleViolationException ? ProblemType.BUSINESS_RULE_VIOLATED
                : e instanceof NotPermittedException ? ProblemType.FORBIDDEN
                : ProblemType.CONFLICT;
        rejected(e.reason());
        return answer(Problems.of(type, e.getMessage(), e.reason(), null));
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> stale(ConflictingAggregateVersionException e) {
        rejected("stale-version");
        return answer(Problems.of(ProblemType.STALE_VERSION, "The resource changed since you read it (current ETag \""
                + e.getActualVersion() + "\"); read it again and retry."));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException e) {
        rejected("concurrent-change");
        return answer(Problems.of(ProblemType.STALE_VERSION, "The resource was changed at the same time; read it again and retry.",
                "concurrent-change", null));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknown(AggregateNotFoundException e) {
        return answer(Problems.of(ProblemType.NOT_FOUND, "Resource not found."));
    }

    private void rejected(String reason) {
        meters.counter("helpdesk.commands.rejected", "reason", reason).increment();
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
