package dev.helpdesk.webhooks.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionTest {

    private static final String OPENED = "helpdesk.ticket.opened.v1";
    private static final String COMMENT = "helpdesk.ticket.comment-added.v1";

    private static DeskEvent event(String type, String organization, boolean internal) {
        return new DeskEvent("e-1", type, organization, internal, "t-1");
    }

    @Test
    void anOrganisationsEndpointGetsOnlyThatOrganisationsPublicEventsOfItsTypes() {
        Subscription a = new Subscription(Set.of(OPENED, COMMENT), "org-a", true);

        assertThat(a.wants(event(OPENED, "org-a", false))).isTrue();
        assertThat(a.wants(event(OPENED, "org-b", false))).isFalse();
        assertThat(a.wants(event(OPENED, null, false))).isFalse();
        assertThat(a.wants(event(COMMENT, "org-a", true))).isFalse();
        assertThat(a.wants(event("helpdesk.sla.breached.v1", "org-a", false))).isFalse();
    }

    @Test
    void anEndpointOfEveryOrganisationGetsEveryEventOfItsTypes() {
        Subscription all = new Subscription(Set.of(OPENED, COMMENT), null, true);

        assertThat(all.wants(event(OPENED, "org-a", false))).isTrue();
        assertThat(all.wants(event(OPENED, null, false))).isTrue();
        assertThat(all.wants(event(COMMENT, "org-b", true))).isTrue();
    }

    @Test
    void anInactiveEndpointGetsNothing() {
        assertThat(new Subscription(Set.of(OPENED), null, false).wants(event(OPENED, "org-a", false))).isFalse();
    }
}
