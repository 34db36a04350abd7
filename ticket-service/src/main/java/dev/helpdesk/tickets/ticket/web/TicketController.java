package dev.helpdesk.tickets.ticket.web;

import dev.helpdesk.events.Channel;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.paging.CursorPage;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.edge.paging.PageRequest;
import dev.helpdesk.tickets.config.Actors;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.ticket.command.AddCommentCommand;
import dev.helpdesk.tickets.ticket.command.AssignTicketCommand;
import dev.helpdesk.tickets.ticket.command.ChangeSeverityCommand;
import dev.helpdesk.tickets.ticket.command.ChangeStatusCommand;
import dev.helpdesk.tickets.ticket.command.DecideSeverityChangeRequestCommand;
import dev.helpdesk.tickets.ticket.command.RequestSeverityChangeCommand;
import dev.helpdesk.tickets.ticket.command.LogTimeCommand;
import dev.helpdesk.tickets.ticket.command.OpenTicketCommand;
import dev.helpdesk.tickets.ticket.command.ReopenTicketCommand;
import dev.helpdesk.tickets.ticket.command.RequestEscalationCommand;
import dev.helpdesk.tickets.ticket.command.ReverseTimeEntryCommand;
import dev.helpdesk.tickets.ticket.query.TicketSearch;
import dev.helpdesk.tickets.ticket.query.TicketQueries;
import dev.helpdesk.tickets.ticket.query.TicketView;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The public ticket API: contacts on their own organisation's tickets, staff on all of them. */
@RestController
@RequestMapping("/api/tickets")
@Tag(name = "Tickets")
class TicketController {

    private final TicketQueries queries;
    private final TicketWrites writes;
    private final MeterRegistry meters;
    private final Clock clock;

    TicketController(TicketQueries queries, TicketWrites writes, MeterRegistry meters, Clock clock) {
        this.queries = queries;
        this.writes = writes;
        this.meters = meters;
        this.clock = clock;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager')")
    ResponseEntity<TicketView> open(@Valid @RequestBody TicketRequests.Open body, Caller caller) {
        caller.requireReadable(body.organizationId(), "Organisation");
        String id = UUID.randomUUID().toString();
        TicketView view = writes.sendAndRead(new OpenTicketCommand(id, body.organizationId(), body.type(), body.severity(), body.title(),
                body.description(), body.channel() == null ? Channel.PORTAL : body.channel(), body.courseId(),
                body.affectedUserEmail(), body.pageUrl(), Actors.of(caller), clock.instant()), id, caller);
        meters.counter("helpdesk.tickets.opened", "type", body.type().name(), "severity", body.severity().name()).increment();
        return ResponseEntity.created(URI.create("/api/tickets/" + id)).eTag(view.etag()).body(view);
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager', 'analyst', 'admin')")
    @Operation(summary = "Search and list tickets",
            description = "Tickets of the caller's scope (contacts: their own organisation only) matching every given "
                    + "filter, in the chosen order. Page with `page` (as before) or follow `nextCursor` with `cursor` "
                    + "(stable under concurrent changes); the answer keeps the `{items, page, size, totalItems}` shape "
                    + "and adds `nextCursor` (null on the last page). See docs/search.md.")
    CursorPage<TicketView> list(
            @Parameter(description = "Only this organisation (contacts: their own; another answers an empty list)")
            @RequestParam(required = false) String organizationId,
            @Parameter(description = "Full-text search over title, description and public comments (never internal "
                    + "notes); web-search syntax: \"a phrase\", -excluded, or; English stemming plus exact words; 1 to 200 characters")
            @RequestParam(required = false) String q,
            @RequestParam(required = false) TicketStatus status,
            @RequestParam(required = false) Severity severity,
            @RequestParam(required = false) TicketType type,
            @Parameter(description = "Only tickets assigned to this user")
            @RequestParam(required = false) String assignee,
            @Parameter(description = "true: only tickets nobody is assigned to (not with assignee)")
            @RequestParam(required = false) Boolean unassigned,
            @Parameter(description = "Only tickets opened by this user (a contact's own requests)")
            @RequestParam(required = false) String openedBy,
            @Parameter(description = "Opened at or after: an ISO-8601 instant, or a date (its start, UTC)")
            @RequestParam(required = false) String from,
            @Parameter(description = "Opened before: an ISO-8601 instant, or a date (up to its end, UTC)")
            @RequestParam(required = false) String to,
            @Parameter(description = "Order: `created` (newest opened first, the default), `updated` (last changed "
                    + "first), `sla` (nearest due time of a running SLA clock first, tickets without one last)",
                    schema = @Schema(allowableValues = {"sla", "created", "updated"}, defaultValue = "created"))
            @RequestParam(required = false) String sort,
            @Parameter(description = "The `nextCursor` of the previous page, with the same filters and sort "
                    + "(instead of `page`); a changed or foreign cursor answers 400")
            @RequestParam(required = false) String cursor,
            @Valid @ParameterObject PageRequest paging,
            Caller caller) {
        TicketSearch search = new TicketListParameters(organizationId, q, status, severity, type, assignee, unassigned, openedBy, from, to,
                sort).toSearch();
        if (cursor != null && paging.page() != 0) {
            throw ProblemException.invalid("page", "cannot be combined with cursor");
        }
        return queries.list(caller.scope(organizationId), search, paging, cursor, Actors.seesInternalNotes(caller));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager', 'analyst', 'admin')")
    ResponseEntity<TicketView> get(@PathVariable String id, Caller caller) {
        TicketView view = queries.details(id, Actors.seesInternalNotes(caller)).orElseThrow(() -> new NotFoundException("Ticket not found."));
        caller.requireReadable(view.organizationId(), "Ticket");
        return ResponseEntity.ok().eTag(view.etag()).body(view);
    }

    @PostMapping("/{id}/comments")
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager')")
    ResponseEntity<TicketView> comment(@PathVariable String id, @Valid @RequestBody TicketRequests.Comment body,
                                       @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                       Caller caller) {
        writes.requireReadable(id, caller);
        String commentId = UUID.randomUUID().toString();
        TicketView view = writes.sendAndRead(new AddCommentCommand(id, commentId, body.body(), body.visibility(), Actors.of(caller),
                clock.instant(), writes.expectedVersion(id, ifMatch, caller)), id, caller);
        return ResponseEntity.created(URI.create("/api/tickets/" + id + "#comment-" + commentId)).eTag(view.etag()).body(view);
    }

    @PostMapping("/{id}/assignment")
    @PreAuthorize("hasAnyRole('agent', 'manager')")
    ResponseEntity<TicketView> assign(@PathVariable String id, @Valid @RequestBody TicketRequests.Assignment body,
                                      @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                      Caller caller) {
        writes.requireReadable(id, caller);
        return writes.sendAndAnswer(new AssignTicketCommand(id, body.assignee(), Actors.of(caller), clock.instant(),
                writes.expectedVersion(id, ifMatch, caller)), id, caller);
    }

    @PostMapping("/{id}/severity")
    @PreAuthorize("hasAnyRole('agent', 'manager')")
    ResponseEntity<TicketView> severity(@PathVariable String id, @Valid @RequestBody TicketRequests.SeverityChange body,
                                        @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                        Caller caller) {
        writes.requireReadable(id, caller);
        return writes.sendAndAnswer(new ChangeSeverityCommand(id, body.severity(), body.justification(), Actors.of(caller),
                clock.instant(), writes.expectedVersion(id, ifMatch, caller)), id, caller);
    }

    @PostMapping("/{id}/status")
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager')")
    @Operation(summary = "Move the ticket to another status",
            description = "The moves of DOMAIN.md (others 409 `illegal-transition`). A move to RESOLVED needs a "
                    + "`resolution` summary (missing or blank: 400 with a field error on `resolution`); it is shown to "
                    + "the contact while the ticket is RESOLVED or CLOSED and cleared by a reopen.")
    ResponseEntity<TicketView> status(@PathVariable String id, @Valid @RequestBody TicketRequests.StatusChange body,
                                      @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                      Caller caller) {
        writes.requireReadable(id, caller);
        return writes.sendAndAnswer(new ChangeStatusCommand(id, body.status(), body.reason(), Actors.of(caller), clock.instant(),
                writes.expectedVersion(id, ifMatch, caller), body.resolution()), id, caller);
    }

    @PostMapping("/{id}/severity-requests")
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager')")
    @Operation(summary = "Ask support for another severity (contacts)",
            description = "A contact of the ticket's organisation asks for another severity with a reason. One open "
                    + "request per ticket (409 `severity-request-open`); the current severity 422 `severity-unchanged`; "
                    + "staff 403 `contacts-only` (they change the severity directly). Nothing changes until support "
                    + "decides. Answers the request as the ticket document lists it. See docs/severity-requests-and-resolution.md.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201",
            description = "The request (state OPEN), with the ticket's ETag")
    ResponseEntity<TicketView.SeverityRequest> requestSeverity(@PathVariable String id,
                                                               @Valid @RequestBody TicketRequests.SeverityRequest body,
                                                               @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                               Caller caller) {
        writes.requireReadable(id, caller);
        String requestId = UUID.randomUUID().toString();
        TicketView view = writes.sendAndRead(new RequestSeverityChangeCommand(id, requestId, body.severity(), body.reason(), Actors.of(caller),
                clock.instant(), writes.expectedVersion(id, ifMatch, caller)), id, caller);
        TicketView.SeverityRequest request = view.severityRequests().stream()
                .filter(r -> r.requestId().equals(requestId)).findFirst().orElseThrow();
        return ResponseEntity.created(URI.create("/api/tickets/" + id + "#severity-request-" + requestId))
                .eTag(view.etag()).body(request);
    }

    @PostMapping("/{id}/severity-requests/{requestId}/decision")
    @PreAuthorize("hasAnyRole('agent', 'manager')")
    @Operation(summary = "Accept or decline a contact's severity request (staff)",
            description = "Accepting changes the severity (a SeverityChangedEvent follows the decision, so the SLA "
                    + "clocks re-target); declining changes nothing. The reason is shown to the contact: required to "
                    + "decline and to accept an upgrade, whose justification it is (422). An unknown request 404, a "
                    + "decided one 409 `severity-request-decided`. Answers the ticket.")
    ResponseEntity<TicketView> decideSeverity(@PathVariable String id, @PathVariable String requestId,
                                              @Valid @RequestBody TicketRequests.SeverityDecision body,
                                              @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                              Caller caller) {
        writes.requireReadable(id, caller);
        return writes.sendAndAnswer(new DecideSeverityChangeRequestCommand(id, requestId, body.accept(), body.reason(),
                Actors.of(caller), clock.instant(), writes.expectedVersion(id, ifMatch, caller)), id, caller);
    }

    @PostMapping("/{id}/reopen")
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager')")
    ResponseEntity<TicketView> reopen(@PathVariable String id, @Valid @RequestBody TicketRequests.Reason body,
                                      @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                      Caller caller) {
        writes.requireReadable(id, caller);
        return writes.sendAndAnswer(new ReopenTicketCommand(id, body.reason(), Actors.of(caller), clock.instant(),
                writes.expectedVersion(id, ifMatch, caller)), id, caller);
    }

    @PostMapping("/{id}/escalation-requests")
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager')")
    ResponseEntity<TicketView> requestEscalation(@PathVariable String id, @Valid @RequestBody TicketRequests.Reason body,
                                                 @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                 Caller caller) {
        writes.requireReadable(id, caller);
        TicketView view = writes.sendAndRead(new RequestEscalationCommand(id, body.reason(), Actors.of(caller), clock.instant(),
                writes.expectedVersion(id, ifMatch, caller)), id, caller);
        return ResponseEntity.status(HttpStatus.CREATED).eTag(view.etag()).body(view);
    }

    @PostMapping("/{id}/time-entries")
    @PreAuthorize("hasAnyRole('agent', 'manager')")
    @Operation(summary = "Log time on the ticket",
            description = "`workDate`, `startedAt` or both: a start instant dates the entry in the organisation's time "
                    + "zone; a date given with it must be that date (else 400 on `workDate`); neither: 400.")
    ResponseEntity<Map<String, String>> logTime(@PathVariable String id, @Valid @RequestBody TicketRequests.TimeEntry body,
                                                @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                Caller caller) {
        writes.requireReadable(id, caller);
        String entryId = UUID.randomUUID().toString();
        TicketView view = writes.sendAndRead(new LogTimeCommand(id, entryId, body.minutes(), body.rate(), body.workDate(), body.note(),
                Actors.of(caller), clock.instant(), writes.expectedVersion(id, ifMatch, caller), body.startedAt()), id, caller);
        return ResponseEntity.created(URI.create("/api/tickets/" + id + "/time-entries/" + entryId))
                .eTag(view.etag()).body(Map.of("entryId", entryId));
    }

    @PostMapping("/{id}/time-entries/{entryId}/reversal")
    @PreAuthorize("hasAnyRole('agent', 'manager')")
    ResponseEntity<Map<String, String>> reverseTime(@PathVariable String id, @PathVariable String entryId,
                                                    @Valid @RequestBody TicketRequests.Reason body,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                    Caller caller) {
        writes.requireReadable(id, caller);
        TicketView view = writes.sendAndRead(new ReverseTimeEntryCommand(id, entryId, body.reason(), Actors.of(caller), clock.instant(),
                writes.expectedVersion(id, ifMatch, caller)), id, caller);
        return ResponseEntity.status(HttpStatus.CREATED).eTag(view.etag()).body(Map.of("entryId", entryId, "reversed", "true"));
    }

}
