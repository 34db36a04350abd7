package dev.helpdesk.tickets.ticket.web;

import dev.helpdesk.events.Channel;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.paging.Page;
import dev.helpdesk.edge.paging.PageRequest;
import dev.helpdesk.tickets.config.Actors;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.ticket.command.AddCommentCommand;
import dev.helpdesk.tickets.ticket.command.AssignTicketCommand;
import dev.helpdesk.tickets.ticket.command.ChangeSeverityCommand;
import dev.helpdesk.tickets.ticket.command.ChangeStatusCommand;
import dev.helpdesk.tickets.ticket.command.LogTimeCommand;
import dev.helpdesk.tickets.ticket.command.OpenTicketCommand;
import dev.helpdesk.tickets.ticket.command.ReopenTicketCommand;
import dev.helpdesk.tickets.ticket.command.RequestEscalationCommand;
import dev.helpdesk.tickets.ticket.command.ReverseTimeEntryCommand;
import dev.helpdesk.tickets.ticket.query.TicketFilter;
import dev.helpdesk.tickets.ticket.query.TicketQueries;
import dev.helpdesk.tickets.ticket.query.TicketView;
import io.micrometer.core.instrument.MeterRegistry;
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
        writes.send(new OpenTicketCommand(id, body.organizationId(), body.type(), body.severity(), body.title(),
                body.description(), body.channel() == null ? Channel.PORTAL : body.channel(), body.courseId(),
                body.affectedUserEmail(), body.pageUrl(), Actors.of(caller), clock.instant()), caller);
        meters.counter("helpdesk.tickets.opened", "type", body.type().name(), "severity", body.severity().name()).increment();
        TicketView view = writes.fresh(id, caller);
        return ResponseEntity.created(URI.create("/api/tickets/" + id)).eTag(view.etag()).body(view);
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager', 'analyst', 'admin')")
    Page<TicketView> list(@RequestParam(required = false) String organizationId,
                            @RequestParam(required = false) TicketStatus status,
                            @RequestParam(required = false) Severity severity,
                            @RequestParam(required = false) TicketType type,
                            @RequestParam(required = false) String assignee,
                            @Valid @ParameterObject PageRequest paging,
                            Caller caller) {
        return queries.list(caller.scope(organizationId), new TicketFilter(name(status), name(severity), name(type), assignee),
                paging, Actors.seesInternalNotes(caller));
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
        writes.send(new AddCommentCommand(id, commentId, body.body(), body.visibility(), Actors.of(caller),
                clock.instant(), writes.expectedVersion(id, ifMatch, caller)), caller);
        TicketView view = writes.fresh(id, caller);
        return ResponseEntity.created(URI.create("/api/tickets/" + id + "#comment-" + commentId)).eTag(view.etag()).body(view);
    }

    @PostMapping("/{id}/assignment")
    @PreAuthorize("hasAnyRole('agent', 'manager')")
    ResponseEntity<TicketView> assign(@PathVariable String id, @Valid @RequestBody TicketRequests.Assignment body,
                                      @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                      Caller caller) {
        writes.requireReadable(id, caller);
        writes.send(new AssignTicketCommand(id, body.assignee(), Actors.of(caller), clock.instant(),
                writes.expectedVersion(id, ifMatch, caller)), caller);
        return writes.answer(id, caller);
    }

    @PostMapping("/{id}/severity")
    @PreAuthorize("hasAnyRole('agent', 'manager')")
    ResponseEntity<TicketView> severity(@PathVariable String id, @Valid @RequestBody TicketRequests.SeverityChange body,
                                        @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                        Caller caller) {
        writes.requireReadable(id, caller);
        writes.send(new ChangeSeverityCommand(id, body.severity(), body.justification(), Actors.of(caller),
                clock.instant(), writes.expectedVersion(id, ifMatch, caller)), caller);
        return writes.answer(id, caller);
    }

    @PostMapping("/{id}/status")
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager')")
    ResponseEntity<TicketView> status(@PathVariable String id, @Valid @RequestBody TicketRequests.StatusChange body,
                                      @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                      Caller caller) {
        writes.requireReadable(id, caller);
        writes.send(new ChangeStatusCommand(id, body.status(), body.reason(), Actors.of(caller), clock.instant(),
                writes.expectedVersion(id, ifMatch, caller)), caller);
        return writes.answer(id, caller);
    }

    @PostMapping("/{id}/reopen")
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager')")
    ResponseEntity<TicketView> reopen(@PathVariable String id, @Valid @RequestBody TicketRequests.Reason body,
                                      @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                      Caller caller) {
        writes.requireReadable(id, caller);
        writes.send(new ReopenTicketCommand(id, body.reason(), Actors.of(caller), clock.instant(),
                writes.expectedVersion(id, ifMatch, caller)), caller);
        return writes.answer(id, caller);
    }

    @PostMapping("/{id}/escalation-requests")
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager')")
    ResponseEntity<TicketView> requestEscalation(@PathVariable String id, @Valid @RequestBody TicketRequests.Reason body,
                                                 @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                 Caller caller) {
        writes.requireReadable(id, caller);
        writes.send(new RequestEscalationCommand(id, body.reason(), Actors.of(caller), clock.instant(),
                writes.expectedVersion(id, ifMatch, caller)), caller);
        TicketView view = writes.fresh(id, caller);
        return ResponseEntity.status(HttpStatus.CREATED).eTag(view.etag()).body(view);
    }

    @PostMapping("/{id}/time-entries")
    @PreAuthorize("hasAnyRole('agent', 'manager')")
    ResponseEntity<Map<String, String>> logTime(@PathVariable String id, @Valid @RequestBody TicketRequests.TimeEntry body,
                                                @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                Caller caller) {
        writes.requireReadable(id, caller);
        String entryId = UUID.randomUUID().toString();
        writes.send(new LogTimeCommand(id, entryId, body.minutes(), body.rate(), body.workDate(), body.note(),
                Actors.of(caller), clock.instant(), writes.expectedVersion(id, ifMatch, caller)), caller);
        TicketView view = writes.fresh(id, caller);
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
        writes.send(new ReverseTimeEntryCommand(id, entryId, body.reason(), Actors.of(caller), clock.instant(),
                writes.expectedVersion(id, ifMatch, caller)), caller);
        TicketView view = writes.fresh(id, caller);
        return ResponseEntity.status(HttpStatus.CREATED).eTag(view.etag()).body(Map.of("entryId", entryId, "reversed", "true"));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
