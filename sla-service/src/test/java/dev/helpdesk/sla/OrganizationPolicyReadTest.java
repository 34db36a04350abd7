package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.sla.support.Api;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which policy an organisation's new tickets get: what a portal's ticket form shows as the targets. */
class OrganizationPolicyReadTest extends SlaServiceTestBase {

    @Test
    void anOrganisationReadsThePlansDefaultUntilAnAdminAssignsAPolicyAndOnlyItsOwn() {
        String organizationId = "org-policy-" + UUID.randomUUID();
        String contact = contact("carol-" + UUID.randomUUID(), organizationId);
        String stranger = contact("mallory-" + UUID.randomUUID(), "org-policy-other-" + UUID.randomUUID());

        Api.Answer before = api.get("/api/sla/organizations/" + organizationId + "/policy", contact);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body().get("assigned").asBoolean()).isFalse();
        assertThat(before.body().get("policy").get("id").asText()).isEqualTo("standard");
        assertThat(before.body().get("policy").get("targets").get("S1").get("firstResponse").asText()).isNotBlank();

        assertThat(api.put("/api/sla/organizations/" + organizationId + "/policy", ADMIN,
                Map.of("policyId", "dedicated")).status()).isEqualTo(200);
        Api.Answer after = api.get("/api/sla/organizations/" + organizationId + "/policy", contact);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body().get("assigned").asBoolean()).isTrue();
        assertThat(after.body().get("policy").get("id").asText()).isEqualTo("dedicated");
        assertThat(after.body().get("calendarId").asText())
                .isEqualTo(api.get("/api/sla/policies/dedicated", AGENT).body().get("calendarId").asText());
        assertThat(api.get("/api/sla/organizations/" + organizationId + "/policy", AGENT).status()).isEqualTo(200);

        Api.Answer foreign = api.get("/api/sla/organizations/" + organizationId + "/policy", stranger);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).contains("application/problem+json");
        assertThat(api.get("/api/sla/organizations/" + organizationId + "/policy", null).status()).isEqualTo(401);
        assertThat(api.get("/api/sla/organizations/bad%20id!/policy", AGENT).status()).isEqualTo(404);
    }
}
