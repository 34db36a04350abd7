package dev.helpdesk.pipeline;

import dev.helpdesk.pipeline.inbound.CompositeEventHandler;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import dev.helpdesk.pipeline.inbound.InboundPipeline;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.pipeline.membership.ContactMembershipHandler;
import dev.helpdesk.pipeline.membership.ContactMemberships;
import dev.helpdesk.testsupport.RealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared membership: contact-added/removed records applied through the pipeline, composed with a service's own
 * handler in one poll; the instance that applied a removal forgets it at once, another instance within the TTL.
 */
@SpringBootTest
@RealInfrastructure(database = "pipeline")
class ContactMembershipTest {

    @Autowired
    InboundPipeline pipeline;
    @Autowired
    ContactMembershipHandler membership;
    @Autowired
    ContactMemberships memberships;
    @Autowired
    JdbcTemplate jdbc;

    long offset;

    @Test
    void aRemovalHoldsAtOnceHereAndWithinTheTtlOnAnotherInstance() {
        String org = "org-" + UUID.randomUUID();
        String user = "carol-" + UUID.randomUUID();
        List<String> seenByService = new ArrayList<>();
        EventHandler service = new EventHandler() {
            public boolean handles(String type) {
                return type.startsWith("helpdesk.organization.");
            }

            public Object decode(ReceivedEvent event) {
                return event.type();
            }

            public void apply(InboundBatch batch) {
                batch.forEach(event -> seenByService.add((String) event.data()));
            }
        };
        EventHandler composite = new CompositeEventHandler(service, membership);
        ContactMemberships otherInstance = new ContactMemberships(jdbc, Duration.ofSeconds(2));

        pipeline.consume(List.of(record(org, "helpdesk.organization.contact-added.v1",
                "{\"organizationId\":\"" + org + "\",\"userId\":\"" + user + "\",\"name\":\"Carol\",\"email\":\"c@x.org\"}")), composite);
        assertThat(memberships.isMember(org, user)).isTrue();
        assertThat(otherInstance.isMember(org, user)).isTrue();
        assertThat(memberships.isMember(org, "mallory")).isFalse();

        pipeline.consume(List.of(record(org, "helpdesk.organization.contact-removed.v1",
                "{\"organizationId\":\"" + org + "\",\"userId\":\"" + user + "\"}")), composite);
        assertThat(memberships.isMember(org, user)).as("evicted on the instance that applied it").isFalse();
        assertThat(otherInstance.isMember(org, user)).as("cached on another instance").isTrue();
        Instant removed = Instant.now();
        await().atMost(Duration.ofSeconds(4)).until(() -> !otherInstance.isMember(org, user));
        assertThat(Duration.between(removed, Instant.now())).isLessThanOrEqualTo(Duration.ofMillis(2500));
        assertThat(seenByService).containsExactly("helpdesk.organization.contact-added.v1",
                "helpdesk.organization.contact-removed.v1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contact_membership WHERE organization_id = ?", Long.class, org))
                .isZero();
    }

    /** Issue 21: a contact transferred away is no longer a member of the source; the target's contact-added adds them there. */
    @Test
    void aTransferEndsTheMembershipOfTheSourceAndTheTargetsAdditionStartsTheOther() {
        String source = "org-" + UUID.randomUUID();
        String target = "org-" + UUID.randomUUID();
        String user = "dave-" + UUID.randomUUID();
        pipeline.consume(List.of(record(source, "helpdesk.organization.contact-added.v1",
                "{\"organizationId\":\"" + source + "\",\"userId\":\"" + user + "\",\"name\":\"Dave\",\"email\":\"d@x.org\"}")), membership);
        assertThat(memberships.isMember(source, user)).isTrue();

        pipeline.consume(List.of(
                record(target, "helpdesk.organization.contact-added.v1",
                        "{\"organizationId\":\"" + target + "\",\"userId\":\"" + user + "\",\"name\":\"Dave\",\"email\":\"d@x.org\"}"),
                record(source, "helpdesk.organization.contact-transferred.v1",
                        "{\"organizationId\":\"" + source + "\",\"userId\":\"" + user + "\",\"toOrganizationId\":\"" + target
                                + "\",\"transferredBy\":\"admin-1\",\"transferredAt\":\"2026-12-03T10:00:00Z\"}")), membership);
        assertThat(memberships.isMember(source, user)).as("evicted on the instance that applied the transfer").isFalse();
        assertThat(memberships.isMember(target, user)).isTrue();
        assertThat(jdbc.queryForList("SELECT organization_id FROM contact_membership WHERE user_id = ?", String.class, user))
                .containsExactly(target);
    }

    private ConsumerRecord<String, String> record(String key, String type, String data) {
        String value = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type
                + "\",\"source\":\"/ticket-service\",\"subject\":\"" + key + "\",\"time\":\"" + Instant.now()
                + "\",\"data\":" + data + "}";
        return new ConsumerRecord<>("membership-test", 0, offset++, key, value);
    }
}
