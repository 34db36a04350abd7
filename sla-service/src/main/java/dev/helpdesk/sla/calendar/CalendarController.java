package dev.helpdesk.sla.calendar;

import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.edge.paging.Page;
import dev.helpdesk.edge.paging.PageRequest;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import dev.helpdesk.edge.version.ETags;
import dev.helpdesk.edge.version.IfMatch;
import java.util.Map;
import java.time.Clock;
import dev.helpdesk.sla.organization.OrganizationCalendarPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Coverage calendars; everyone signed in reads them, admins write them. */
@RestController
@RequestMapping("/api/sla/calendars")
public class CalendarController {

    private final CalendarRepository calendars;
    private final ApplicationEventPublisher publisher;
    private final OrganizationCalendarPublisher calendarPublisher;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public CalendarController(CalendarRepository calendars, ApplicationEventPublisher publisher,
                              OrganizationCalendarPublisher calendarPublisher, TransactionTemplate transactions,
                              Clock clock) {
        this.calendars = calendars;
        this.publisher = publisher;
        this.calendarPublisher = calendarPublisher;
        this.transactions = transactions;
        this.clock = clock;
    }

    @GetMapping
    public Page<CalendarDocument> list(@Valid @ParameterObject PageRequest paging) {
        return Page.of(calendars.findAll(), paging);
    }

    @GetMapping("/{id}")
    public ResponseEntity<CalendarDocument> get(@PathVariable String id) {
        CalendarDocument found = calendars.find(id).orElseThrow(() -> ProblemException.notFound("No calendar " + id + "."));
        return ResponseEntity.ok().eTag(ETags.of(found.version())).body(found);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('admin')")
    public ResponseEntity<CalendarDocument> put(@PathVariable String id, @RequestBody CalendarDocument body,
                                   @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        IdRules.requireValidId(id);
        IfMatch.parse(ifMatch).require(calendars.find(id).map(CalendarDocument::version), "Calendar " + id);
        body.validate();
        Long previous = calendars.find(id).map(CalendarDocument::version).orElse(null);
        boolean created = previous == null;
        CalendarDocument saved = transactions.execute(status -> {
            CalendarDocument stored = calendars.save(body.withId(id, null));
            if (!created && !stored.version().equals(previous)) {
                // one organisation-calendar event per organisation counting on it
                calendarPublisher.publishChanges(null, clock.instant(), null);
            }
            return stored;
        });
        if (!created && !saved.version().equals(previous)) {
            publisher.publishEvent(new CalendarChanged(id));
        }
        return (created ? ResponseEntity.status(201) : ResponseEntity.ok()).eTag(ETags.of(saved.version())).body(saved);
    }
}
