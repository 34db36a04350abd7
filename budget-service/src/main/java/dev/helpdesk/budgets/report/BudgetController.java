package dev.helpdesk.budgets.report;

import dev.helpdesk.budgets.charging.BurndownInterval;
import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.paging.PageRequest;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/** Budget reports: contacts of their own organisation, agents, managers, analysts and admins of all. */
@RestController
@RequestMapping("/api/budgets/{organizationId}")
public class BudgetController {

    public static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final BudgetReports reports;

    public BudgetController(BudgetReports reports) {
        this.reports = reports;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public BudgetView budget(@PathVariable String organizationId,
                             @RequestParam(required = false) LocalDate periodStart, Caller caller) {
        requireReadable(caller, organizationId);
        return reports.budget(organizationId, periodStart);
    }

    @GetMapping(path = "/burndown", produces = MediaType.APPLICATION_JSON_VALUE)
    public BurndownView burndown(@PathVariable String organizationId,
                                 @RequestParam(defaultValue = "WEEK") BurndownInterval interval,
                                 @RequestParam(required = false) LocalDate periodStart, Caller caller) {
        requireReadable(caller, organizationId);
        return reports.burndown(organizationId, interval, periodStart);
    }

    @GetMapping(path = "/entries", produces = MediaType.APPLICATION_JSON_VALUE)
    public Timesheet entries(@PathVariable String organizationId,
                             @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                             @Valid @ParameterObject PageRequest paging, Caller caller) {
        requireReadable(caller, organizationId);
        BudgetReports.TimesheetLines lines = reports.timesheet(organizationId, from, to);
        List<TimesheetRow> items = lines.rows().stream().skip(paging.offset()).limit(paging.size()).toList();
        return new Timesheet(organizationId, lines.currency(), lines.from(), lines.to(), items, paging.page(), paging.size(),
                lines.rows().size(), lines.totalMinutes(), lines.totalAmount());
    }

    @GetMapping(path = "/entries", produces = "text/csv")
    public ResponseEntity<String> entriesAsCsv(@PathVariable String organizationId,
                                               @RequestParam(required = false) LocalDate from,
                                               @RequestParam(required = false) LocalDate to, Caller caller) {
        requireReadable(caller, organizationId);
        BudgetReports.TimesheetLines lines = reports.timesheet(organizationId, from, to);
        String fileName = "timesheet-" + organizationId.replaceAll("[^A-Za-z0-9-]", "_") + "-" + lines.from() + "-" + lines.to() + ".csv";
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .body(TimesheetCsv.write(lines.rows(), lines.currency()));
    }

    /** Another organisation's budget answers exactly like an unknown one (404). */
    private static void requireReadable(Caller caller, String organizationId) {
        if (!caller.mayRead(organizationId)) {
            throw BudgetReports.unknown(organizationId);
        }
    }
}
