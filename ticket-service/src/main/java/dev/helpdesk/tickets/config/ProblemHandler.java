package dev.helpdesk.tickets.config;

import dev.helpdesk.tickets.domain.DomainException;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.domain.NotPermittedException;
import dev.helpdesk.tickets.domain.RuleViolationException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Every error as an RFC 9457 problem: domain refusals (422/409/403/404), stale versions (409), invalid input (400
 * with {@code errors}), and a generic 500 that leaks nothing. Refused commands are counted by reason.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String TYPE_BASE = "https://helpdesk.dev/problems/";

    private final MeterRegistry meters;

    public ProblemHandler(MeterRegistry meters) {
        this.meters = meters;
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> commandFailed(CommandExecutionException e, HttpServletRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime && cause != e) {
            return handle(runtime, request);
        }
        return internal(e, request);
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e, HttpServletRequest request) {
        HttpStatus status = e instanceof RuleViolationException ? HttpStatus.UNPROCESSABLE_ENTITY
                : e instanceof NotFoundException ? HttpStatus.NOT_FOUND
                : e instanceof NotPermittedException ? HttpStatus.FORBIDDEN
                : HttpStatus.CONFLICT;
        if (!(e instanceof NotFoundException)) {
            rejected(e.reason());
        }
        return problem(status, e.reason(), e.getMessage(), request, null);
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<Object> stale(ConflictingAggregateVersionException e, HttpServletRequest request) {
        rejected("stale-version");
        return problem(HttpStatus.CONFLICT, "stale-version",
                "The resource changed since you read it (version " + e.getActualVersion() + "); read it again and retry.",
                request, null);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrent(ConcurrencyException e, HttpServletRequest request) {
        rejected("concurrent-change");
        return problem(HttpStatus.CONFLICT, "concurrent-change", "The resource was changed at the same time; retry.", request, null);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> unknown(AggregateNotFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Resource not found.", request, null);
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid.", request,
                List.of(Map.of("field", e.field(), "message", e.getMessage())));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid.", request,
                List.of(Map.of("field", e.getName(), "message", "has an invalid value")));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(PayloadTooLargeException e, HttpServletRequest request) {
        rejected("too-large");
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", e.getMessage(), request, null);
    }

    @ExceptionHandler(UnsupportedContentException.class)
    ResponseEntity<Object> unsupported(UnsupportedContentException e, HttpServletRequest request) {
        rejected("unsupported-content");
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", e.getMessage(), request, null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> denied(AccessDeniedException e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this.", request, null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        return internal(e, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage()))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid.", null, errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                        "field", result.getMethodParameter().getParameterName() == null ? "parameter"
                                : result.getMethodParameter().getParameterName(),
                        "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage())))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid.", null, errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "The body is not valid JSON for this request (check field names, types and enum values).", null,
                List.of(Map.of("field", "body", "message", "malformed or has values of the wrong type")));
    }

    private ResponseEntity<Object> handle(RuntimeException e, HttpServletRequest request) {
        if (e instanceof DomainException domain) {
            return domain(domain, request);
        }
        if (e instanceof ConflictingAggregateVersionException stale) {
            return stale(stale, request);
        }
        if (e instanceof ConcurrencyException concurrency) {
            return concurrent(concurrency, request);
        }
        if (e instanceof AggregateNotFoundException missing) {
            return unknown(missing, request);
        }
        return internal(e, request);
    }

    private ResponseEntity<Object> internal(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {}", request == null ? "request" : request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Something went wrong on our side.", request, null);
    }

    private void rejected(String reason) {
        meters.counter("helpdesk.commands.rejected", "reason", reason).increment();
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String type, String detail, HttpServletRequest request,
                                                  List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        if (request != null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
