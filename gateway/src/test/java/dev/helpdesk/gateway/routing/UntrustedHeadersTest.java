package dev.helpdesk.gateway.routing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UntrustedHeadersTest {

    @Test
    void recognisesHeadersThatClaimAnIdentityInAnyCase() {
        for (String name : List.of("X-User-Id", "x-user", "X-USER-EMAIL", "X-Roles", "X-Role", "X-Org", "X-Organization-Id",
                "X-Tenant-Id", "X-Forwarded-User", "X-Forwarded-Email", "X-Auth-Request-User", "X-Authenticated-Userid",
                "Remote-User", "X-Remote-User", "X-Principal", "X-Impersonate-User", "X-MS-CLIENT-PRINCIPAL-NAME",
                "X-Amzn-Oidc-Identity", "X-Email")) {
            assertThat(UntrustedHeaders.claimsIdentity(name)).as(name).isTrue();
            assertThat(UntrustedHeaders.isUntrusted(name)).as(name).isTrue();
        }
    }

    @Test
    void recognisesHeadersThatWouldPointAServiceElsewhere() {
        for (String name : List.of("X-Original-URL", "X-Rewrite-URL", "x-host", "X-HTTP-Method-Override")) {
            assertThat(UntrustedHeaders.overridesRouting(name)).as(name).isTrue();
            assertThat(UntrustedHeaders.isUntrusted(name)).as(name).isTrue();
        }
    }

    @Test
    void keepsWhatServicesNeed() {
        for (String name : List.of("Authorization", "X-Correlation-Id", "Idempotency-Key", "If-Match", "Content-Type",
                "Accept", "Content-Length", "User-Agent", "Host", "traceparent")) {
            assertThat(UntrustedHeaders.isUntrusted(name)).as(name).isFalse();
        }
    }
}
