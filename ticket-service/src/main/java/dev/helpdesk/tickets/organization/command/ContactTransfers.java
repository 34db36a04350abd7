package dev.helpdesk.tickets.organization.command;

import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.domain.RuleViolationException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * A contact transfer changes two organisations: the target admits the contact (its limit checked first, then a
 * {@code ContactAddedEvent}), then the source releases them ({@code ContactTransferredEvent}). Both steps run in
 * one unit of work, so both streams are appended in one database transaction: if the second step fails (the
 * source changed meanwhile, the contact is gone), nothing of the first is stored either. No compensation is needed,
 * and none could be half-applied (docs/organisation-terms.md, "Contact transfer"). Plain Java: Spring registers it
 * in {@code OrganizationRepositoryConfig}.
 */
public class ContactTransfers {

    private final Repository<Organization> organizations;

    public ContactTransfers(Repository<Organization> organizations) {
        this.organizations = organizations;
    }

    @CommandHandler
    public void handle(TransferContactCommand command) {
        if (command.organizationId().equals(command.toOrganizationId())) {
            throw new RuleViolationException("same-organization", "The contact already belongs to this organisation.");
        }
        Aggregate<Organization> source = command.expectedVersion() == null
                ? organizations.load(command.organizationId())
                : organizations.load(command.organizationId(), command.expectedVersion());
        Organization.Contact contact = source.invoke(organization -> organization.contact(command.userId()))
                .orElseThrow(() -> new NotFoundException("User " + command.userId() + " is not a contact of this organisation."));
        Aggregate<Organization> target = target(command.toOrganizationId());
        target.execute(organization -> organization.admitTransferredContact(contact, command.at()));
        source.execute(organization -> organization.releaseTransferredContact(command.userId(),
                command.toOrganizationId(), command.transferredBy(), command.at()));
    }

    private Aggregate<Organization> target(String organizationId) {
        try {
            return organizations.load(organizationId);
        } catch (AggregateNotFoundException e) {
            throw new RuleViolationException("unknown-target-organization", "Organisation " + organizationId + " does not exist.");
        }
    }
}
