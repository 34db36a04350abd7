package dev.helpdesk.edge.caller;

import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.edge.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerTest {

    @Test
    void readsEveryClaimOnceAndIgnoresUnknownRoles() {
        Caller caller = Caller.of(jwt(List.of("contact", "wizard"), "org-1"));

        assertThat(caller.userId()).isEqualTo("u-1");
        assertThat(caller.name()).isEqualTo("Uma");
        assertThat(caller.email()).isEqualTo("uma@example.org");
        assertThat(caller.roles()).containsExactly(Role.CONTACT);
        assertThat(caller.organizationId()).isEqualTo("org-1");
    }

    @Test
    void aListIsScopedToTheContactsOwnOrganisationOrToNothing() {
        Caller contact = Caller.of(jwt(List.of("contact"), "org-1"));
        Caller agent = Caller.of(jwt(List.of("agent"), null));

        assertThat(contact.scope(null).organizationId()).hasValue("org-1");
        assertThat(contact.scope("org-1").organizationId()).hasValue("org-1");
        assertThat(contact.scope("org-2").isNothing()).isTrue();
        assertThat(agent.scope(null).organizationId()).isEmpty();
        assertThat(agent.scope(null).isNothing()).isFalse();
        assertThat(agent.scope("org-2").organizationId()).hasValue("org-2");
        assertThatThrownBy(() -> Caller.of(jwt(List.of("contact"), null)).scope(null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.FORBIDDEN));
        assertThat(Caller.of(jwt(List.of("contact"), " ")).lacksOrganization()).isTrue();
        assertThat(Caller.of(jwt(List.of(), null)).lacksOrganization()).isTrue();
        assertThat(agent.lacksOrganization()).isFalse();
    }

    @Test
    void staffReadEveryOrganisation() {
        for (Role staff : Role.STAFF) {
            Caller caller = Caller.of(jwt(List.of(staff.claim()), null));
            assertThat(caller.mayRead("any-org")).as(staff.claim()).isTrue();
            assertThat(caller.tenant()).isEmpty();
        }
    }

    @Test
    void aContactReadsOnlyTheirOwnOrganisationAndOthersAreNotFound() {
        Caller contact = Caller.of(jwt(List.of("contact"), "org-1"));

        assertThat(contact.mayRead("org-1")).isTrue();
        assertThat(contact.mayRead("org-2")).isFalse();
        assertThatThrownBy(() -> contact.requireReadable("org-2", "Ticket"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("Ticket not found.");
                });
    }

    @Test
    void aContactWithoutOrganisationIsRefusedNotLetThrough() {
        for (Caller caller : List.of(Caller.of(jwt(List.of("contact"), null)), Caller.of(jwt(List.of(), null)))) {
            assertThatThrownBy(() -> caller.mayRead("org-1"))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.FORBIDDEN));
        }
    }

    @Test
    void staffRolesAreDefinedOnce() {
        assertThat(Role.STAFF).isEqualTo(Set.of(Role.AGENT, Role.MANAGER, Role.ANALYST, Role.ADMIN));
    }

    private static Jwt jwt(List<String> roles, String org) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "HS256").subject("u-1").claim("name", "Uma")
                .claim("email", "uma@example.org").claim("roles", roles).issuedAt(Instant.now());
        if (org != null) {
            builder.claim("org", org);
        }
        return builder.build();
    }
}
