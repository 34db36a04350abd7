package dev.helpdesk.edge.observation;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * What Spring Security observes in every service and in the gateway (servlet and reactive alike): not each filter of
 * the security chain nor each authorization decision. Observing every filter made about a dozen observations per
 * request, each with its timers and, when sampled, a span; in the gateway they cost about a sixth of its CPU per
 * proxied request (BENCHMARKS.md, benchmark 2), and no dashboard, alert or trace reading used them. Refusals stay
 * visible as 401 and 403 in {@code http.server.requests}, and the request's own span is kept. Authentications are still
 * observed where Spring Security wraps an authentication manager. A service that wants the rest back declares its own
 * {@link SecurityObservationSettings} bean. docs/observability.md, "What is measured per request".
 */
@AutoConfiguration
@ConditionalOnClass(SecurityObservationSettings.class)
public class EdgeObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults()
                .shouldObserveRequests(false)
                .shouldObserveAuthorizations(false)
                .build();
    }
}
