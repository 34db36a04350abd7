package dev.helpdesk.tickets.organization.web;

import dev.helpdesk.events.organization.BudgetTerms;
import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.paging.Page;
import dev.helpdesk.edge.paging.PageRequest;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.edge.problem.ProblemType;
import dev.helpdesk.edge.version.ETags;
import dev.helpdesk.edge.version.IfMatch;
import dev.helpdesk.tickets.config.Actors;
import dev.helpdesk.tickets.config.ViewCatchUp;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.history.EventStoreReader;
import dev.helpdesk.tickets.organization.command.AddContactCommand;
import dev.helpdesk.tickets.organization.command.ChangeOrganizationTermsCommand;
import dev.helpdesk.tickets.organization.command.ChangeSupportPeriodCommand;
import dev.helpdesk.tickets.organization.command.LogOrganizationTimeCommand;
import dev.helpdesk.tickets.organization.command.PurchaseBudgetCommand;
import dev.helpdesk.tickets.organization.command.RegisterOrganizationCommand;
import dev.helpdesk.tickets.organization.command.RemoveContactCommand;
import dev.helpdesk.tickets.organization.command.ReverseOrganizationTimeEntryCommand;
import dev.helpdesk.tickets.organization.command.TermsPatch;
import dev.helpdesk.tickets.organization.command.TransferContactCommand;
import dev.helpdesk.tickets.organization.query.OrganizationQueries;
import dev.helpdesk.tickets.organization.query.OrganizationView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** Organisations: admins write, staff and analysts read all, contacts read their own; staff log time against them. */
@RestController
@RequestMapping("/api/organizations")
@Tag(name = "Organisations")
class OrganizationController {

    private final CommandGateway commands;
    private final OrganizationQueries queries;
    private final EventStoreReader store;
    private final ViewCatchUp catchUp;
    private final Clock clock;

    OrganizationController(CommandGateway commands, OrganizationQueries queries, EventStoreReader store, ViewCatchUp catchUp,
                           Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.store = store;
        this.catchUp = catchUp;
        this.clock = clock;
    }

    @PostMapping
    @PreAuthorize("hasRole('admin')")
    ResponseEntity<OrganizationView> register(@Valid @RequestBody OrganizationRequests.Register body) {
        String id = UUID.randomUUID().toString();
        OrganizationRequests.Budget budget = body.budget();
        commands.sendAndWait(new RegisterOrganizationCommand(id, body.name(), body.plan(), body.calendar(), body.timeZone(),
                body.supportPeriod().start(), body.supportPeriod().end(), body.contactLimit(), body.supportManager(),
                budget == null ? null : new BudgetTerms(budget.amount(), budget.currency(), budget.standardRate(), budget.consultancyRate()),
                body.relationshipManager()));
        OrganizationView view = fresh(id);
        return ResponseEntity.created(URI.create("/api/organizations/" + id)).eTag(ETags.of(view.version())).body(view);
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('admin', 'agent', 'manager', 'analyst', 'contact')")
    @Operation(summary = "Organisations by name, paged; a contact gets only their own")
    Page<OrganizationView> list(@Valid @ParameterObject PageRequest paging, Caller caller) {
        return queries.list(caller.scope(null), paging);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('admin', 'agent', 'manager', 'analyst', 'contact')")
    ResponseEntity<OrganizationView> get(@PathVariable String id, Caller caller) {
        OrganizationView view = queries.find(id).orElseThrow(() -> new NotFoundException("Organisation not found."));
        caller.requireReadable(view.id(), "Organisation");
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PatchMapping(path = "/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Change the organisation's terms from effectiveFrom (default now)",
            description = "A patch that changes nothing answers 200 with the unchanged organisation and records no event; "
                    + "an empty patch is a 400. See docs/organisation-terms.md.")
    ResponseEntity<OrganizationView> changeTerms(@PathVariable String id, @Valid @RequestBody OrganizationRequests.Patch body,
                                                 @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                 Caller caller) {
        TermsPatch patch = body.toPatch();
        if (patch.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The patch names no field to change (name, plan, "
                    + "standardRate, consultancyRate, calendar, timeZone, supportManager, relationshipManager, contactLimit).",
                    "empty-patch", null);
        }
        commands.sendAndWait(new ChangeOrganizationTermsCommand(id, patch, body.effectiveFrom(), caller.userId(),
                clock.instant(), expectedVersion(id, ifMatch)));
        OrganizationView view = fresh(id);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PostMapping("/{id}/contacts")
    @PreAuthorize("hasRole('admin')")
    ResponseEntity<OrganizationView> addContact(@PathVariable String id, @Valid @RequestBody OrganizationRequests.AddContact body,
                                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        commands.sendAndWait(new AddContactCommand(id, body.userId(), body.name(), body.email(), clock.instant(),
                expectedVersion(id, ifMatch)));
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

    @PostMapping("/{id}/contacts/{userId}/transfer")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Move a contact to another organisation (both organisations change together or not at all)")
    ResponseEntity<Map<String, String>> transferContact(@PathVariable String id, @PathVariable String userId,
                                                        @Valid @RequestBody OrganizationRequests.Transfer body,
                                                        @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                        Caller caller) {
        commands.sendAndWait(new TransferContactCommand(id, userId, body.toOrganizationId(), caller.userId(),
                clock.instant(), expectedVersion(id, ifMatch)));
        OrganizationView source = fresh(id);
        fresh(body.toOrganizationId());
        return ResponseEntity.ok().eTag(ETags.of(source.version()))
                .body(Map.of("userId", userId, "organizationId", id, "toOrganizationId", body.toOrganizationId()));
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

    @PostMapping("/{id}/time-entries")
    @PreAuthorize("hasAnyRole('agent', 'manager')")
    @Operation(summary = "Log time spent for the organisation outside any ticket (a call, a workshop)")
    ResponseEntity<Map<String, String>> logTime(@PathVariable String id, @Valid @RequestBody OrganizationRequests.TimeEntry body,
                                                @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                Caller caller) {
        String entryId = UUID.randomUUID().toString();
        commands.sendAndWait(new LogOrganizationTimeCommand(id, entryId, body.minutes(), body.rate(), body.workDate(),
                body.startedAt(), body.activity(), body.note(), Actors.of(caller), clock.instant(), expectedVersion(id, ifMatch)));
        OrganizationView view = fresh(id);
        return ResponseEntity.created(URI.create("/api/organizations/" + id + "/time-entries/" + entryId))
                .eTag(ETags.of(view.version())).body(Map.of("entryId", entryId));
    }

    @PostMapping("/{id}/time-entries/{entryId}/reversal")
    @PreAuthorize("hasAnyRole('agent', 'manager')")
    ResponseEntity<Map<String, String>> reverseTime(@PathVariable String id, @PathVariable String entryId,
                                                    @Valid @RequestBody OrganizationRequests.Reason body,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                    Caller caller) {
        commands.sendAndWait(new ReverseOrganizationTimeEntryCommand(id, entryId, body.reason(), Actors.of(caller),
                clock.instant(), expectedVersion(id, ifMatch)));
        OrganizationView view = fresh(id);
        return ResponseEntity.status(HttpStatus.CREATED).eTag(ETags.of(view.version()))
                .body(Map.of("entryId", entryId, "reversed", "true"));
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
