package dev.helpdesk.sla.policy;

import dev.helpdesk.sla.calendar.CalendarRepository;
import dev.helpdesk.sla.calendar.IdRules;
import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import dev.helpdesk.edge.paging.Page;
import dev.helpdesk.edge.paging.PageRequest;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import dev.helpdesk.edge.version.ETags;
import dev.helpdesk.edge.version.IfMatch;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import dev.helpdesk.sla.organization.OrganizationCalendarPublisher;
import org.springframework.transaction.support.TransactionTemplate;
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

/** SLA policies; everyone signed in reads them, admins write them. */
@RestController
@RequestMapping("/api/sla")
public class PolicyController {

    private final PolicyRepository policies;
    private final CalendarRepository calendars;
    private final OrganizationRepository organizations;
    private final OrganizationCalendarPublisher calendarPublisher;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public PolicyController(PolicyRepository policies, CalendarRepository calendars, OrganizationRepository organizations,
                            OrganizationCalendarPublisher calendarPublisher, TransactionTemplate transactions,
                            Clock clock) {
        this.policies = policies;
        this.calendars = calendars;
        this.organizations = organizations;
        this.calendarPublisher = calendarPublisher;
        this.transactions = transactions;
        this.clock = clock;
    }

    @GetMapping("/policies")
    public Page<PolicyDocument> list(@Valid @ParameterObject PageRequest paging) {
        return Page.of(policies.findAll(), paging);
    }

    @GetMapping("/policies/{id}")
    public ResponseEntity<PolicyDocument> get(@PathVariable String id) {
        PolicyDocument found = policies.find(id).orElseThrow(() -> ProblemException.notFound("No policy " + id + "."));
        return ResponseEntity.ok().eTag(ETags.of(found.version())).body(found);
    }

    @PutMapping("/policies/{id}")
    @PreAuthorize("hasRole('admin')")
    public ResponseEntity<PolicyDocument> put(@PathVariable String id, @RequestBody PolicyDocument body,
                                   @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        IdRules.requireValidId(id);
        IfMatch.parse(ifMatch).require(policies.find(id).map(PolicyDocument::version), "Policy " + id);
        PolicyDocument document = body.with(id, null);
        document.toPolicy();
        if (!calendars.exists(document.calendarId())) {
            throw ProblemException.invalid("calendarId", "unknown calendar " + document.calendarId());
        }
        String previousCalendar = policies.find(id).map(PolicyDocument::calendarId).orElse(null);
        boolean created = previousCalendar == null;
        PolicyDocument saved = transactions.execute(status -> {
            PolicyDocument stored = policies.save(document);
            if (!created && !previousCalendar.equals(stored.calendarId())) {
                // organisations on this policy now count on another calendar
                calendarPublisher.publishChanges(null, clock.instant(), null);
            }
            return stored;
        });
        return (created ? ResponseEntity.status(201) : ResponseEntity.ok()).eTag(ETags.of(saved.version())).body(saved);
    }

    @PutMapping("/organizations/{organizationId}/policy")
    @PreAuthorize("hasRole('admin')")
    public Map<String, String> assign(@PathVariable String organizationId, @RequestBody PolicyAssignment body) {
        if (body == null || body.policyId() == null || body.policyId().isBlank()) {
            throw ProblemException.invalid("policyId", "is required");
        }
        if (!policies.exists(body.policyId())) {
            throw ProblemException.invalid("policyId", "unknown policy " + body.policyId());
        }
        transactions.executeWithoutResult(status -> {
            organizations.assignPolicy(organizationId, body.policyId());
            calendarPublisher.publishChanges(List.of(organizationId), clock.instant(), null);
        });
        return Map.of("organizationId", organizationId, "policyId", body.policyId());
    }

    /**
     * The policy an organisation's new tickets get: the one an admin assigned, else its plan's default, with the
     * calendar its clocks count on. Contacts read their own organisation's only (404 otherwise).
     */
    @Operation(description = "The SLA policy an organisation's new tickets get (assigned by an admin, or the plan's "
            + "default) with its targets and the calendar its clocks count on. Contacts: their own organisation only.")
    @GetMapping("/organizations/{organizationId}/policy")
    public OrganizationPolicy assigned(@PathVariable String organizationId, Caller caller) {
        if (!organizationId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw ProblemException.notFound("No organisation " + organizationId + ".");
        }
        caller.requireReadable(organizationId, "Organisation " + organizationId);
        OrganizationRepository.Organization organization = organizations.find(organizationId);
        String policyId = EffectiveCalendar.policyId(organization.assignedPolicy(), organization.contract().plan());
        PolicyDocument policy = policies.find(policyId)
                .orElseThrow(() -> ProblemException.notFound("No policy " + policyId + "."));
        boolean assigned = organization.assignedPolicy() != null;
        return new OrganizationPolicy(organizationId, organization.contract().plan(), organization.contract().timeZone(),
                assigned, EffectiveCalendar.calendarId(assigned, organization.contract().calendarKind(),
                policy.calendarId()), policy);
    }

    public record PolicyAssignment(String policyId) {
    }

    /**
     * {@code assigned}: an admin chose the policy (false: the plan's default); {@code calendarId}: the calendar the
     * clocks of its new tickets count on; {@code plan} and {@code timeZone} null until its registration was seen.
     */
    public record OrganizationPolicy(String organizationId, String plan, String timeZone, boolean assigned,
                                     String calendarId, PolicyDocument policy) {
    }
}
