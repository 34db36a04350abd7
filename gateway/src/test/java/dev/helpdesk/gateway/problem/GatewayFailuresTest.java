package dev.helpdesk.gateway.problem;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayFailuresTest {

    private static HttpStatus statusFor(Throwable failure) {
        return GatewayFailures.problemFor(failure).status();
    }

    @Test
    void aServiceThatCannotBeReachedIsUnavailable() {
        assertThat(statusFor(new ConnectException("Connection refused: /10.1.2.3:8081"))).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(statusFor(new IllegalStateException(new ConnectException()))).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(statusFor(new ServiceUnavailableException())).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(statusFor(CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("x"))))
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void aServiceTooSlowIsAGatewayTimeout() {
        assertThat(statusFor(new TimeoutException())).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(statusFor(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer than timeout")))
                .isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
    }

    @Test
    void keepsFrameworkStatusesButNeverTheirMessages() {
        Problem notFound = GatewayFailures.problemFor(new ResponseStatusException(HttpStatus.NOT_FOUND, "No static resource x"));
        assertThat(notFound.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(notFound.detail()).doesNotContain("static");
        assertThat(statusFor(new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED))).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(statusFor(new PayloadTooLargeException())).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    }

    @Test
    void anythingElseIsAnInternalErrorWithAFixedText() {
        Problem problem = GatewayFailures.problemFor(new NullPointerException("secret internals"));
        assertThat(problem.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(problem.body("/api/x").values()).noneMatch(value -> value.toString().contains("secret internals"));
    }
}
