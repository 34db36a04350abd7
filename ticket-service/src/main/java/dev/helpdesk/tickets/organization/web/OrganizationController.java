package dev.helpdesk.tickets.organization.web;

import dev.helpdesk.events.organization.BudgetTerms;
import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.version.ETags;
import dev.helpdesk.edge.version.IfMatch;
import dev.helpdesk.tickets.config.ViewCatchUp;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.history.EventStoreReader;
import dev.helpdesk.tickets.organization.command.AddContactCommand;
import dev.helpdesk.tickets.organization.command.ChangeSupportPeriodCommand;
import dev.helpdesk.tickets.organization.command.PurchaseBudgetCommand;
import dev.helpdesk.tickets.organization.command.RegisterOrganizationCommand;
import dev.helpdesk.tickets.organization.command.RemoveContactCommand;
import dev.helpdesk.tickets.organization.query.OrganizationQueries;
import dev.helpdesk.tickets.organization.query.OrganizationView;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** Organisations: admins write, staff and analysts read all, contacts read their own. */
@RestController
@RequestMapping("/api/organizations")
@Tag(name = "Organisations")
class OrganizationController {

    private final CommandGateway commands;
    private final OrganizationQueries queries;
    private final EventStoreReader store;
    private final ViewCatchUp catchUp;

    OrganizationController(CommandGateway commands, OrganizationQueries queries, EventStoreReader store, ViewCatchUp catchUp) {
        this.commands = commands;
        this.queries = queries;
        this.store = store;
        this.catchUp = catchUp;
    }

    @PostMapping
    @PreAuthorize("hasRole('admin')")
    ResponseEntity<OrganizationView> register(@Valid @RequestBody OrganizationRequests.Register body) {
        String id = UUID.randomUUID().toString();
        OrganizationRequests.Budget budget = body.budget();
        commands.sendAndWait(new RegisterOrganizationCommand(id, body.name(), body.plan(), body.calendar(), body.timeZone(),
                body.supportPeriod().start(), body.supportPeriod().end(), body.contactLimit(), body.supportManager(),
                budget == null ? null : new BudgetTerms(budget.amount(), budget.currency(), budget.standardRate(), budget.consultancyRate())));
        OrganizationView view = fresh(id);
        return ResponseEntity.created(URI.create("/api/organizations/" + id)).eTag(ETags.of(view.version())).body(view);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('admin', 'agent', 'manager', 'analyst', 'contact')")
    ResponseEntity<OrganizationView> get(@PathVariable String id, Caller caller) {
        OrganizationView view = queries.find(id).orElseThrow(() -> new NotFoundException("Organisation not found."));
        caller.requireReadable(view.id(), "Organisation");
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PostMapping("/{id}/contacts")
    @PreAuthorize("hasRole('admin')")
    ResponseEntity<OrganizationView> addContact(@PathVariable String id, @Valid @RequestBody OrganizationRequests.AddContact body,
                                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        commands.sendAndWait(new AddContactCommand(id, body.userId(), body.name(), body.email(), expectedVersion(id, ifMatch)));
        OrganizationView view = fresh(id);
        return ResponseEntity.created(URI.create("/api/organizations/" + id + "/contacts/" + body.userId()))
                .eTag(ETags.of(view.version())).body(view);
    }

    @DeleteMapping("/{id}/contacts/{userId}")
    @PreAuthorize("hasRole('admin')")
    ResponseEntity<Void> removeContact(@PathVariable String id, @PathVariable String userId,
                                       @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        commands.sendAndWait(new RemoveContactCommand(id, userId, expectedVersion(id, ifMatch)));
        OrganizationView view = fresh(id);
        return ResponseEntity.noContent().eTag(ETags.of(view.version())).build();
    }

    @PutMapping("/{id}/support-period")
    @PreAuthorize("hasRole('admin')")
    ResponseEntity<OrganizationView> changeSupportPeriod(@PathVariable String id, @Valid @RequestBody OrganizationRequests.Period body,
                                                         @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        commands.sendAndWait(new ChangeSupportPeriodCommand(id, body.start(), body.end(), expectedVersion(id, ifMatch)));
        OrganizationView view = fresh(id);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PostMapping("/{id}/budget-purchases")
    @PreAuthorize("hasRole('admin')")
    ResponseEntity<Map<String, Object>> purchase(@PathVariable String id, @Valid @RequestBody OrganizationRequests.Purchase body,
                                                 @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        String purchaseId = UUID.randomUUID().toString();
        commands.sendAndWait(new PurchaseBudgetCommand(id, purchaseId, body.amount(), body.currency(), expectedVersion(id, ifMatch)));
        OrganizationView view = fresh(id);
        return ResponseEntity.status(HttpStatus.CREATED).eTag(ETags.of(view.version()))
                .body(Map.of("purchaseId", purchaseId, "organizationId", id, "amount", body.amount(),
                        "currency", body.currency(), "purchasedTotal", view.budget().purchasedTotal()));
    }

    private OrganizationView fresh(String id) {
        long version = store.version(id);
        catchUp.await(() -> queries.find(id).map(OrganizationView::version).orElse(-1L), version);
        return queries.find(id).orElseThrow(() -> new NotFoundException("Organisation not found."));
    }

    /** The stream version the write expects by its {@code If-Match} (none: any), checked again by the aggregate. */
    private Long expectedVersion(String organizationId, String ifMatch) {
        return IfMatch.parse(ifMatch).expectedVersion(() -> store.version(organizationId), "Organisation").orElse(null);
    }
}
