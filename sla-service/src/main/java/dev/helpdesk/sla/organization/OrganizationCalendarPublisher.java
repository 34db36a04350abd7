package dev.helpdesk.sla.organization;

import dev.helpdesk.businesstime.OpeningSpan;
import dev.helpdesk.events.sla.SlaBusinessHours;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.events.sla.SlaOrganizationCalendarChangedEvent;
import dev.helpdesk.pipeline.outbox.OutboxEvent;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import dev.helpdesk.sla.calendar.CalendarDocument;
import dev.helpdesk.sla.calendar.CalendarRepository;
import dev.helpdesk.sla.calendar.SpanDocument;
import dev.helpdesk.sla.policy.EffectiveCalendar;
import dev.helpdesk.sla.policy.PolicyDocument;
import dev.helpdesk.sla.policy.PolicyRepository;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes {@code helpdesk.sla.organization-calendar-changed.v1} (the whole calendar an organisation's deadlines
 * count on) whenever it changes for an organisation: registration, a change of coverage or time zone, a policy with
 * another calendar assigned, a policy's calendar changed, the calendar's hours or holidays edited. Every trigger calls
 * {@link #publishChanges}, which computes each organisation's effective calendar and compares it with the one last
 * published for it (stored on the organisation row, written in the same transaction as the outbox event): an
 * unchanged calendar publishes nothing, so a repeat or an overlapping trigger never publishes twice.
 */
@Component
public class OrganizationCalendarPublisher {

    public static final String AGGREGATE_TYPE = "SlaOrganizationCalendar";
    private static final Logger log = LoggerFactory.getLogger(OrganizationCalendarPublisher.class);

    private final JdbcTemplate jdbc;
    private final PolicyRepository policies;
    private final CalendarRepository calendars;
    private final OutboxWriter outbox;
    private final String topic;

    public OrganizationCalendarPublisher(JdbcTemplate jdbc, PolicyRepository policies, CalendarRepository calendars,
                                         OutboxWriter outbox, @Value("${helpdesk.topics.sla}") String topic) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.calendars = calendars;
        this.outbox = outbox;
        this.topic = topic;
    }

    private record Row(String organizationId, String plan, String calendarKind, String timeZone, String policyId,
                       String publishedCalendar, Long publishedVersion, String publishedZone) {
    }

    /**
     * For each organisation given (null: every registered one), publishes its effective calendar if it differs from
     * the one last published, in the caller's transaction (the organisation rows are locked). Answers how many
     * events were written. An organisation whose registration was not seen yet is skipped (its registration
     * publishes).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int publishChanges(Collection<String> organizationIds, Instant effectiveFrom, String correlationId) {
        if (organizationIds != null && organizationIds.isEmpty()) {
            return 0;
        }
        String sql = """
                SELECT organization_id, plan, calendar_kind, time_zone, policy_id, published_calendar_id,
                       published_calendar_version, published_time_zone
                FROM organization
                WHERE (plan IS NOT NULL OR calendar_kind IS NOT NULL OR time_zone IS NOT NULL)
                """ + (organizationIds == null ? "" : "AND organization_id = ANY (?::text[]) ")
                + "ORDER BY organization_id FOR UPDATE";
        Object[] arguments = organizationIds == null ? new Object[0]
                : new Object[]{organizationIds.toArray(String[]::new)};
        List<Row> rows = jdbc.query(sql, (row, index) -> new Row(row.getString(1), row.getString(2), row.getString(3),
                row.getString(4), row.getString(5), row.getString(6), (Long) row.getObject(7), row.getString(8)),
                arguments);
        Map<String, Optional<PolicyDocument>> policyById = new HashMap<>();
        Map<String, Optional<CalendarDocument>> calendarById = new HashMap<>();
        List<OutboxEvent> events = new ArrayList<>();
        for (Row row : rows) {
            String policyId = EffectiveCalendar.policyId(row.policyId(), row.plan());
            Optional<PolicyDocument> policy = policyById.computeIfAbsent(policyId, policies::find)
                    .or(() -> policyById.computeIfAbsent("standard", policies::find));
            String calendarId = EffectiveCalendar.calendarId(row.policyId() != null, row.calendarKind(),
                    policy.map(PolicyDocument::calendarId).orElse(EffectiveCalendar.BUSINESS_HOURS));
            Optional<CalendarDocument> found = calendarById.computeIfAbsent(calendarId, calendars::find);
            if (found.isEmpty()) {
                log.warn("Organisation {}: calendar {} is missing; nothing published", row.organizationId(), calendarId);
                continue;
            }
            CalendarDocument calendar = found.get();
            String zone = calendar.timeZone() != null ? calendar.timeZone()
                    : row.timeZone() != null ? row.timeZone() : "UTC";
            if (calendarId.equals(row.publishedCalendar()) && Objects.equals(calendar.version(), row.publishedVersion())
                    && zone.equals(row.publishedZone())) {
                continue;
            }
            jdbc.update("UPDATE organization SET published_calendar_id = ?, published_calendar_version = ?, "
                    + "published_time_zone = ? WHERE organization_id = ?", calendarId, calendar.version(), zone,
                    row.organizationId());
            events.add(new OutboxEvent(topic, stream(row.organizationId()), AGGREGATE_TYPE,
                    SlaEventTypes.ORGANIZATION_CALENDAR_CHANGED, effectiveFrom, "system", correlationId,
                    event(row.organizationId(), calendar, zone, effectiveFrom)));
        }
        outbox.appendAll(events);
        return events.size();
    }

    /**
     * The stream (Kafka key and subject) of an organisation's SLA settings, {@code organization/<id>} as in the golden
     * JSON; the policy-assigned events of the organisation share it, so the two stay in order.
     */
    public static String stream(String organizationId) {
        return "organization/" + organizationId;
    }

    /** The published form of a calendar: hours per day (24:00 as a {@code to} of 00:00), holidays in date order. */
    public static SlaOrganizationCalendarChangedEvent event(String organizationId, CalendarDocument calendar, String zone,
                                                     Instant effectiveFrom) {
        Map<DayOfWeek, List<SlaBusinessHours>> week = new EnumMap<>(DayOfWeek.class);
        calendar.weeklyHours().forEach((day, spans) -> {
            List<SlaBusinessHours> hours = new ArrayList<>();
            for (SpanDocument span : spans == null ? List.<SpanDocument>of() : spans) {
                OpeningSpan parsed = OpeningSpan.parse(span.from(), span.to());
                hours.add(new SlaBusinessHours(parsed.from(), parsed.to()));
            }
            if (!hours.isEmpty()) {
                week.put(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)), hours);
            }
        });
        List<LocalDate> holidays = calendar.holidays() == null ? List.of()
                : calendar.holidays().stream().map(LocalDate::parse).sorted().distinct().toList();
        return new SlaOrganizationCalendarChangedEvent(organizationId, calendar.id(), calendar.version(), zone, week,
                holidays, effectiveFrom);
    }
}
