package dev.helpdesk.sla.settings;

import dev.helpdesk.pipeline.AfterCommit;
import dev.helpdesk.pipeline.outbox.OutboxEvent;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import dev.helpdesk.events.sla.SlaCalendarChangedEvent;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.events.sla.SlaOrganizationPolicyAssignedEvent;
import dev.helpdesk.events.sla.SlaPolicyChangedEvent;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Announces a change of a policy, a calendar or a policy assignment, in the transaction that stores it: an event on
 * helpdesk.sla.v1 through the outbox (every instance evicts its copy when it reads it), and an eviction on this
 * instance right after the commit.
 */
@Component
public class SettingsChanges {

    private final OutboxWriter outbox;
    /** Provided lazily: the cache reads through the repositories that call this class. */
    private final ObjectProvider<SettingsCache> cache;
    private final String topic;
    private final Clock clock;

    public SettingsChanges(OutboxWriter outbox, ObjectProvider<SettingsCache> cache, @Value("${helpdesk.topics.sla}") String topic,
                           Clock clock) {
        this.outbox = outbox;
        this.cache = cache;
        this.topic = topic;
        this.clock = clock;
    }

    public void policyChanged(String policyId, long version) {
        append("policy/" + policyId, "SlaPolicy", SlaEventTypes.POLICY_CHANGED, new SlaPolicyChangedEvent(policyId, version));
        AfterCommit.run(() -> cache.getObject().evictPolicy(policyId));
    }

    public void calendarChanged(String calendarId, long version) {
        append("calendar/" + calendarId, "SlaCalendar", SlaEventTypes.CALENDAR_CHANGED,
                new SlaCalendarChangedEvent(calendarId, version));
        AfterCommit.run(() -> cache.getObject().evictCalendar(calendarId));
    }

    public void policyAssigned(String organizationId, String policyId) {
        append("organization/" + organizationId, "Organization", SlaEventTypes.ORGANIZATION_POLICY_ASSIGNED,
                new SlaOrganizationPolicyAssignedEvent(organizationId, policyId));
        AfterCommit.run(() -> cache.getObject().evictOrganization(organizationId));
    }

    /** A stream of its own per setting (prefixed, so that a policy and a calendar of one name do not share one). */
    private void append(String stream, String aggregateType, String type, Object data) {
        outbox.append(new OutboxEvent(topic, stream, aggregateType, type, clock.instant(), null, null, data));
    }

}
