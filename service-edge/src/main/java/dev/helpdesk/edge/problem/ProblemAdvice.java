package dev.helpdesk.edge.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one advice that turns the common failures of a servlet service into problems of the {@link ProblemType}
 * catalogue: {@link ProblemException}s, bean validation, unreadable JSON, wrong parameter types, missing
 * parameters and headers, 405/406/413/415, unknown paths, refused roles, optimistic-lock conflicts, and a 500
 * that says nothing about its cause (which is logged with the correlation id). It runs last
 * ({@link Ordered#LOWEST_PRECEDENCE}), so a service's own advice (ordered before it) can map its domain
 * exceptions to catalogue entries.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final String INVALID_VALUE = "has an invalid value";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        return e.toResponseEntity();
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        return answer(Problems.of(ProblemType.FORBIDDEN, "Your role may not do this."));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new FieldError(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
                .toList();
        return answer(invalid(errors));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> optimisticLock(OptimisticLockingFailureException e) {
        return answer(Problems.of(ProblemType.STALE_VERSION,
                "The resource was changed at the same time; read it again and retry."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, WebRequest request) {
        if (DependencyOutage.isOutage(e)) {
            log.warn("Refused {}: a dependency is unavailable: {}", request.getDescription(false), rootMessage(e));
            return ResponseEntity.status(ProblemType.SERVICE_UNAVAILABLE.status()).header(HttpHeaders.RETRY_AFTER, "5")
                    .body(Problems.of(ProblemType.SERVICE_UNAVAILABLE,
                            "The service cannot reach its database right now; retry shortly."));
        }
        log.error("Unexpected error on {}", request.getDescription(false), e);
        return answer(Problems.of(ProblemType.INTERNAL_ERROR, "Something went wrong on our side."));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return internal(e, invalid(errorsOf(e.getBindingResult())), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldError(
                        parameterName(result.getMethodParameter().getParameterName()), messageOf(error.getDefaultMessage()))))
                .toList();
        return internal(e, invalid(errors), headers, HttpStatusCode.valueOf(400), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String field = e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? jsonPath(mapping) : "body";
        ProblemDetail problem = Problems.of(ProblemType.INVALID_REQUEST,
                "The body is not valid JSON for this request (check field names, types and enum values).", null,
                List.of(new FieldError(field, "malformed or has a value of the wrong type")));
        return internal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : e.getPropertyName();
        return internal(e, invalid(List.of(new FieldError(parameterName(name), INVALID_VALUE))), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return internal(e, invalid(List.of(new FieldError(e.getParameterName(), "is required"))), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException e, HttpHeaders headers,
                                                                     HttpStatusCode status, WebRequest request) {
        return internal(e, invalid(List.of(new FieldError(e.getRequestPartName(), "is required"))), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException e, HttpHeaders headers,
                                                                          HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e instanceof MissingRequestHeaderException header
                ? List.of(new FieldError(header.getHeaderName(), "is required")) : List.of();
        return internal(e, invalid(errors), headers, status, request);
    }

    /** Every other framework failure (405, 406, 413, 415, 404 ...) keeps its status and gets the catalogue's type. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail given ? given : ProblemDetail.forStatus(status);
        ProblemType type = ProblemType.forStatus(status.value());
        if (problem.getType() == null || !problem.getType().toString().startsWith(ProblemType.BASE)) {
            problem.setType(type.uri());
            problem.setTitle(type.title());
            problem.setDetail(status.is5xxServerError() ? "Something went wrong on our side." : detailFor(type, problem));
        }
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }

    private ResponseEntity<Object> internal(Exception e, ProblemDetail problem, HttpHeaders headers, HttpStatusCode status,
                                            WebRequest request) {
        return handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    private static String detailFor(ProblemType type, ProblemDetail problem) {
        return switch (type) {
            case NOT_FOUND -> "There is no such resource.";
            case PAYLOAD_TOO_LARGE -> "The request body is larger than allowed.";
            case INVALID_REQUEST -> "The request is not valid.";
            default -> problem.getDetail() == null ? type.title() + "." : problem.getDetail();
        };
    }

    private static ProblemDetail invalid(List<FieldError> errors) {
        return Problems.of(ProblemType.INVALID_REQUEST, "The request has invalid fields.", null, errors);
    }

    private static List<FieldError> errorsOf(BindingResult result) {
        List<FieldError> errors = new ArrayList<>();
        result.getFieldErrors().forEach(error -> errors.add(new FieldError(error.getField(),
                error.isBindingFailure() ? INVALID_VALUE : messageOf(error.getDefaultMessage()))));
        result.getGlobalErrors().forEach(error -> errors.add(new FieldError(error.getObjectName(), messageOf(error.getDefaultMessage()))));
        return errors;
    }

    private static String jsonPath(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String messageOf(String message) {
        return message == null ? "is invalid" : message;
    }

    private static String parameterName(String name) {
        return name == null ? "parameter" : name;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
