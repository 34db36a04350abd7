package dev.helpdesk.tickets.support;

import dev.helpdesk.testsupport.TestTokens;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Registered contacts made through the API (the edge refuses contacts the organisation view does not hold). */
public final class Contacts {

    private static final String ADMIN = TestTokens.admin("admin-contacts");

    private Contacts() {
    }

    /** Adds the user as a contact of the organisation and answers their token. */
    public static String add(HttpApi api, String organizationId, String userId) {
        HttpApi.Answer added = api.post("/api/organizations/" + organizationId + "/contacts", ADMIN, Bodies.contact(userId));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return TestTokens.contact(userId, organizationId);
    }

    /** A registered contact of a new organisation of its own: a stranger to every other organisation's data. */
    public static String ofAnotherOrganisation(HttpApi api) {
        HttpApi.Answer registered = api.post("/api/organizations", ADMIN, Bodies.organization("Other " + UUID.randomUUID()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return add(api, registered.json().get("id").asText(), "stranger-" + UUID.randomUUID());
    }
}
