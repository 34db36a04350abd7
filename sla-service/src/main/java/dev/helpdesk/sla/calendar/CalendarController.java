package dev.helpdesk.sla.calendar;

import dev.helpdesk.sla.config.NotFoundException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Coverage calendars; everyone signed in reads them, admins write them. */
@RestController
@RequestMapping("/api/sla/calendars")
public class CalendarController {

    private final CalendarRepository calendars;

    public CalendarController(CalendarRepository calendars) {
        this.calendars = calendars;
    }

    @GetMapping
    public Map<String, Object> list() {
        List<CalendarDocument> all = calendars.findAll();
        return Map.of("items", all, "page", 0, "size", all.size(), "totalItems", all.size());
    }

    @GetMapping("/{id}")
    public CalendarDocument get(@PathVariable String id) {
        return calendars.find(id).orElseThrow(() -> new NotFoundException("No calendar " + id + "."));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('admin')")
    public ResponseEntity<CalendarDocument> put(@PathVariable String id, @RequestBody CalendarDocument body) {
        IdRules.requireValidId(id);
        body.validate();
        boolean created = !calendars.exists(id);
        CalendarDocument saved = calendars.save(body.withId(id, null));
        return created ? ResponseEntity.status(201).body(saved) : ResponseEntity.ok(saved);
    }
}
