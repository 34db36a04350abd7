package dev.helpdesk.pipeline.membership;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.events.organization.ContactAddedEvent;
import dev.helpdesk.events.organization.ContactRemovedEvent;
import dev.helpdesk.events.organization.ContactTransferredEvent;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import dev.helpdesk.pipeline.inbound.InboundEvent;
import dev.helpdesk.pipeline.AfterCommit;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps {@code contact_membership} from the organisation's events on {@code helpdesk.tickets.v1}: contact-added
 * inserts the row, contact-removed and contact-transferred (on the source organisation; the target's stream has its
 * own contact-added) delete it. Idempotent by itself (records of a partition come in order, and a
 * redelivered poll brings every later record again), so it does not de-duplicate. The local
 * {@link ContactMemberships} cache is evicted when the transaction commits. Compose it with the service's own
 * handler ({@link dev.helpdesk.pipeline.inbound.CompositeEventHandler}).
 */
public class ContactMembershipHandler implements EventHandler {

    public static final String CONTACT_ADDED = "helpdesk.organization.contact-added.v1";
    public static final String CONTACT_REMOVED = "helpdesk.organization.contact-removed.v1";
    public static final String CONTACT_TRANSFERRED = "helpdesk.organization.contact-transferred.v1";

    private final ObjectMapper json;
    private final JdbcTemplate jdbc;
    private final ContactMemberships memberships;

    public ContactMembershipHandler(ObjectMapper json, JdbcTemplate jdbc, ContactMemberships memberships) {
        this.json = json;
        this.jdbc = jdbc;
        this.memberships = memberships;
        if (EventTypes.classOf(CONTACT_ADDED).orElse(null) != ContactAddedEvent.class
                || EventTypes.classOf(CONTACT_REMOVED).orElse(null) != ContactRemovedEvent.class
                || EventTypes.classOf(CONTACT_TRANSFERRED).orElse(null) != ContactTransferredEvent.class) {
            throw new IllegalStateException("contact event types are not registered as expected");
        }
    }

    @Override
    public boolean handles(String type) {
        return CONTACT_ADDED.equals(type) || CONTACT_REMOVED.equals(type) || CONTACT_TRANSFERRED.equals(type);
    }

    @Override
    public Object decode(ReceivedEvent event) {
        if (CONTACT_ADDED.equals(event.type())) {
            return ReceivedEvents.data(json, event, ContactAddedEvent.class, List.of("organizationId", "userId"));
        }
        if (CONTACT_TRANSFERRED.equals(event.type())) {
            ContactTransferredEvent transferred = ReceivedEvents.data(json, event, ContactTransferredEvent.class,
                    List.of("organizationId", "userId"));
            return new ContactRemovedEvent(transferred.organizationId(), transferred.userId());
        }
        return ReceivedEvents.data(json, event, ContactRemovedEvent.class, List.of("organizationId", "userId"));
    }

    @Override
    public boolean deduplicates() {
        return false;
    }

    @Override
    public void apply(InboundBatch batch) {
        List<String[]> changed = new ArrayList<>();
        for (InboundEvent event : batch.events()) {
            if (event.data() instanceof ContactAddedEvent added) {
                jdbc.update("""
                        INSERT INTO contact_membership (organization_id, user_id) VALUES (?, ?)
                        ON CONFLICT (organization_id, user_id) DO NOTHING""", added.organizationId(), added.userId());
                changed.add(new String[] {added.organizationId(), added.userId()});
            } else if (event.data() instanceof ContactRemovedEvent removed) {
                jdbc.update("DELETE FROM contact_membership WHERE organization_id = ? AND user_id = ?",
                        removed.organizationId(), removed.userId());
                changed.add(new String[] {removed.organizationId(), removed.userId()});
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        AfterCommit.run(() -> changed.forEach(pair -> memberships.evict(pair[0], pair[1])));
    }
}
