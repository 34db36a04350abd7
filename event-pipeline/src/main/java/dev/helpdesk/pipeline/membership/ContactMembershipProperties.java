package dev.helpdesk.pipeline.membership;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code helpdesk.security.contact-membership.*}: the membership of contacts each service keeps from the
 * organisation's events (see docs/security.md, "Contact membership").
 *
 * @param enabled  whether the membership is kept and checked (default true)
 * @param cacheTtl how long a "member" answer is remembered (default 5 s, at most 1 min): with the consumer's lag, the
 *                 bound on the delay after a removal
 */
@Validated
@ConfigurationProperties("helpdesk.security.contact-membership")
public record ContactMembershipProperties(Boolean enabled, @NotNull Duration cacheTtl) {

    static final Duration LONGEST_TTL = Duration.ofMinutes(1);

    public ContactMembershipProperties {
        enabled = enabled == null || enabled;
        cacheTtl = cacheTtl == null ? Duration.ofSeconds(5) : cacheTtl;
        if (cacheTtl.isNegative() || cacheTtl.compareTo(LONGEST_TTL) > 0) {
            throw new IllegalArgumentException(
                    "helpdesk.security.contact-membership.cache-ttl must be between 0 and " + LONGEST_TTL + ": " + cacheTtl);
        }
    }
}
