package dev.helpdesk.gateway.problem;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/** Which problem a failure inside the gateway (its own, or reaching a service) shows to the client. */
public final class GatewayFailures {

    private GatewayFailures() {
    }

    public static Problem problemFor(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnfinishedAnswerException unfinished) {
                return unfinished.tooLarge() ? Problem.answerTooLarge() : Problem.answerCutOff();
            }
            if (t instanceof PayloadTooLargeException) {
                return Problem.payloadTooLarge();
            }
            // refused, unknown host, or the connection closed or reset before the service answered
            if (t instanceof CallNotPermittedException || t instanceof ConnectException
                    || t instanceof UnknownHostException || t instanceof IOException) {
                return Problem.serviceUnavailable();
            }
            if (t instanceof TimeoutException || t instanceof io.netty.handler.timeout.TimeoutException) {
                return Problem.gatewayTimeout();
            }
            if (t instanceof ResponseStatusException status) {
                HttpStatus resolved = HttpStatus.resolve(status.getStatusCode().value());
                return Problem.ofStatus(resolved == null ? HttpStatus.INTERNAL_SERVER_ERROR : resolved);
            }
            ResponseStatus annotated = AnnotatedElementUtils.findMergedAnnotation(t.getClass(), ResponseStatus.class);
            if (annotated != null) {
                return Problem.ofStatus(annotated.code());
            }
        }
        return Problem.internalError();
    }
}
