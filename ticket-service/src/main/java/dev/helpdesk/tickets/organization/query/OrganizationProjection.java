package dev.helpdesk.tickets.organization.query;

import dev.helpdesk.events.organization.BudgetPurchasedEvent;
import dev.helpdesk.events.organization.BudgetTerms;
import dev.helpdesk.events.organization.ContactAddedEvent;
import dev.helpdesk.events.organization.ContactRemovedEvent;
import dev.helpdesk.events.organization.ContactTransferredEvent;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryLoggedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryReversedEvent;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.SupportPeriodChangedEvent;
import dev.helpdesk.pipeline.AfterCommit;
import dev.helpdesk.pipeline.membership.ContactMemberships;
import dev.helpdesk.tickets.config.AxonConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;

/**
 * Keeps {@code organization_view} and its contacts. Each change also checks and sets the stream version, so a
 * replayed event changes nothing twice. Kept inline, in the transaction of the command: the contacts are the
 * membership the edge checks (docs/security.md "Contact membership"), so a removal holds when the command commits.
 */
@Component
@ProcessingGroup(AxonConfig.INLINE_VIEWS)
class OrganizationProjection {

    private final JdbcTemplate jdbc;
    private final ObjectProvider<ContactMemberships> memberships;

    OrganizationProjection(JdbcTemplate jdbc, ObjectProvider<ContactMemberships> memberships) {
        this.jdbc = jdbc;
        this.memberships = memberships;
    }

    /** A replay rebuilds the view from the first event. */
    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM organization_terms_change");
        jdbc.update("DELETE FROM organization_contact");
        jdbc.update("DELETE FROM organization_view");
    }

    @EventHandler
    void on(OrganizationRegisteredEvent event, @SequenceNumber long version) {
        BudgetTerms budget = event.budget();
        jdbc.update("""
                INSERT INTO organization_view (id, name, plan, calendar, time_zone, period_start, period_end, contact_limit,
                    support_manager, currency, budget_amount, standard_rate, consultancy_rate, purchased_total, version,
                    relationship_manager)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.organizationId(), event.name(), event.plan().name(), event.calendar().name(), event.timeZone(),
                Date.valueOf(event.supportPeriodStart()), Date.valueOf(event.supportPeriodEnd()), event.contactLimit(),
                event.supportManager(), budget == null ? null : budget.currency(), budget == null ? null : budget.amount(),
                budget == null ? null : budget.standardRate(), budget == null ? null : budget.consultancyRate(),
                budget == null ? null : budget.amount(), version, event.relationshipManager());
    }

    @EventHandler
    void on(ContactAddedEvent event, @SequenceNumber long version) {
        if (advance(event.organizationId(), version)) {
            jdbc.update("INSERT INTO organization_contact (organization_id, user_id, name, email) VALUES (?, ?, ?, ?)",
                    event.organizationId(), event.userId(), event.name(), event.email());
        }
    }

    @EventHandler
    void on(ContactRemovedEvent event, @SequenceNumber long version) {
        if (advance(event.organizationId(), version)) {
            jdbc.update("DELETE FROM organization_contact WHERE organization_id = ? AND user_id = ?",
                    event.organizationId(), event.userId());
            evictAfterCommit(event.organizationId(), event.userId());
        }
    }

    /** This instance forgets the removed contact at once (the others within the cache's TTL). */
    private void evictAfterCommit(String organizationId, String userId) {
        memberships.ifAvailable(cache -> {
            cache.evict(organizationId, userId);
            AfterCommit.run(() -> cache.evict(organizationId, userId));
        });
    }

    /** A transfer takes the contact out of this organisation, like a removal (the target's ContactAddedEvent adds it there). */
    @EventHandler
    void on(ContactTransferredEvent event, @SequenceNumber long version) {
        if (advance(event.organizationId(), version)) {
            jdbc.update("DELETE FROM organization_contact WHERE organization_id = ? AND user_id = ?",
                    event.organizationId(), event.userId());
            evictAfterCommit(event.organizationId(), event.userId());
        }
    }

    /**
     * Records the change in the history; the term columns follow at once when the change is already in effect (a
     * change dated later is overlaid by {@link OrganizationQueries} once it is due).
     */
    @EventHandler
    void on(OrganizationTermsChangedEvent event, @SequenceNumber long version) {
        if (!advance(event.organizationId(), version)) {
            return;
        }
        jdbc.update("""
                INSERT INTO organization_terms_change (organization_id, version, effective_from, changed_at, changed_by,
                    changed_fields, name, plan, calendar, time_zone, contact_limit, support_manager, relationship_manager,
                    standard_rate, consultancy_rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.organizationId(), version, Timestamp.from(event.effectiveFrom()), Timestamp.from(event.changedAt()),
                event.changedBy(), String.join(",", event.changedFields()), event.name(), event.plan().name(),
                event.calendar().name(), event.timeZone(), event.contactLimit(), event.supportManager(),
                event.relationshipManager(), event.standardRate(), event.consultancyRate());
        if (!event.effectiveFrom().isAfter(event.changedAt())) {
            jdbc.update("""
                    UPDATE organization_view SET name = ?, plan = ?, calendar = ?, time_zone = ?, contact_limit = ?,
                        support_manager = ?, relationship_manager = ?,
                        standard_rate = CASE WHEN currency IS NULL THEN NULL ELSE ? END,
                        consultancy_rate = CASE WHEN currency IS NULL THEN NULL ELSE ? END
                    WHERE id = ?""", event.name(), event.plan().name(), event.calendar().name(), event.timeZone(),
                    event.contactLimit(), event.supportManager(), event.relationshipManager(), event.standardRate(),
                    event.consultancyRate(), event.organizationId());
        }
    }

    /** Time logged against the organisation is charged by budget-service; here it only advances the version. */
    @EventHandler
    void on(OrganizationTimeEntryLoggedEvent event, @SequenceNumber long version) {
        advance(event.organizationId(), version);
    }

    @EventHandler
    void on(OrganizationTimeEntryReversedEvent event, @SequenceNumber long version) {
        advance(event.organizationId(), version);
    }

    @EventHandler
    void on(SupportPeriodChangedEvent event, @SequenceNumber long version) {
        if (advance(event.organizationId(), version)) {
            jdbc.update("UPDATE organization_view SET period_start = ?, period_end = ? WHERE id = ?",
                    Date.valueOf(event.start()), Date.valueOf(event.end()), event.organizationId());
        }
    }

    @EventHandler
    void on(BudgetPurchasedEvent event, @SequenceNumber long version) {
        if (advance(event.organizationId(), version)) {
            jdbc.update("UPDATE organization_view SET purchased_total = COALESCE(purchased_total, 0) + ? WHERE id = ?",
                    event.amount(), event.organizationId());
        }
    }

    private boolean advance(String organizationId, long version) {
        return jdbc.update("UPDATE organization_view SET version = ? WHERE id = ? AND version < ?",
                version, organizationId, version) == 1;
    }
}
