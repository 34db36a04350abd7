package dev.helpdesk.budgets.charging;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.events.CalendarKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An organisation's rates and coverage calendar over time: the terms it registered with, then each change in effect
 * from its {@code effectiveFrom}, and the calendars sla-service published for it (hours and holidays), each in force
 * from its own {@code effectiveFrom}. Work is charged at the rates in effect when it began, and is out of hours when it
 * began outside the calendar in force then (docs/budget-time.md).
 */
public record TermsHistory(RateCard registeredRates, CalendarKind registeredCalendar, ZoneId registeredZone,
                           List<TermsChange> changes, List<PublishedCalendar> publishedCalendars) {

    /** Business hours as the default calendar of DOMAIN.md has them (Mon-Fri 09:00-17:00 in the organisation's zone). */
    static final LocalTime OPENS = LocalTime.of(9, 0);
    static final LocalTime CLOSES = LocalTime.of(17, 0);

    public TermsHistory {
        changes = changes.stream().sorted(Comparator.comparing(TermsChange::effectiveFrom)
                .thenComparing(TermsChange::changedAt)).toList();
        publishedCalendars = publishedCalendars.stream()
                .sorted(Comparator.comparing(PublishedCalendar::effectiveFrom)).toList();
    }

    /** Terms without any calendar published by sla-service: marks by the weekday rule only. */
    public TermsHistory(RateCard registeredRates, CalendarKind registeredCalendar, ZoneId registeredZone,
                        List<TermsChange> changes) {
        this(registeredRates, registeredCalendar, registeredZone, changes, List.of());
    }

    /** The same terms with these published calendars instead of its own. */
    public TermsHistory withPublishedCalendars(List<PublishedCalendar> calendars) {
        return new TermsHistory(registeredRates, registeredCalendar, registeredZone, changes, calendars);
    }

    /** What budget knows before any registration: no calendar, no changes. */
    public static TermsHistory of(RateCard rates) {
        return new TermsHistory(rates, null, null, List.of());
    }

    /**
     * One change of the terms: rates (null when the change left them unset: the earlier rate stays), calendar and
     * zone (null when unknown), in effect from {@code effectiveFrom}.
     */
    public record TermsChange(Instant effectiveFrom, Instant changedAt, BigDecimal standardRate,
                              BigDecimal consultancyRate, CalendarKind calendar, ZoneId zone) {
    }

    /** The hourly rates in effect at {@code moment} (changes effective at or before it apply). */
    public RateCard ratesAt(Instant moment) {
        BigDecimal standard = registeredRates.standard();
        BigDecimal consultancy = registeredRates.consultancy();
        for (TermsChange change : changes) {
            if (change.effectiveFrom().isAfter(moment)) {
                break;
            }
            standard = change.standardRate() != null ? change.standardRate() : standard;
            consultancy = change.consultancyRate() != null ? change.consultancyRate() : consultancy;
        }
        return new RateCard(standard, consultancy);
    }

    /** The time zone in effect at {@code moment}, if known. */
    public Optional<ZoneId> zoneAt(Instant moment) {
        ZoneId zone = registeredZone;
        for (TermsChange change : changes) {
            if (change.effectiveFrom().isAfter(moment)) {
                break;
            }
            zone = change.zone() != null ? change.zone() : zone;
        }
        return Optional.ofNullable(zone);
    }

    /** The calendar kind in effect at {@code moment}, if known. */
    Optional<CalendarKind> calendarAt(Instant moment) {
        CalendarKind calendar = registeredCalendar;
        for (TermsChange change : changes) {
            if (change.effectiveFrom().isAfter(moment)) {
                break;
            }
            calendar = change.calendar() != null ? change.calendar() : calendar;
        }
        return Optional.ofNullable(calendar);
    }

    /**
     * The instant a dated entry without a start counts from: the start of its work date in the organisation's zone
     * (UTC while the zone is unknown).
     */
    public Instant startOf(LocalDate workDate) {
        ZoneId zone = zoneAt(workDate.atStartOfDay(ZoneId.of("UTC")).toInstant()).orElse(ZoneId.of("UTC"));
        return workDate.atStartOfDay(zone).toInstant();
    }

    /** The calendar sla-service published that is in force at {@code moment} (the latest effective at or before it). */
    Optional<PublishedCalendar> publishedAt(Instant moment) {
        PublishedCalendar found = null;
        for (PublishedCalendar calendar : publishedCalendars) {
            if (calendar.effectiveFrom().isAfter(moment)) {
                break;
            }
            found = calendar;
        }
        return Optional.ofNullable(found);
    }

    /**
     * Whether work that began at {@code startedAt} began outside the organisation's coverage hours then: null when the
     * start is unknown. The calendar sla-service published and in force at the start decides (its hours and public
     * holidays, in its zone); before the first published one, the registered terms' kind decides: Mon-Fri 09:00-17:00
     * in the organisation's zone for business hours, never for 24x7, null when the kind or zone is unknown
     * (docs/budget-time.md).
     */
    public Boolean outOfHours(Instant startedAt) {
        if (startedAt == null) {
            return null;
        }
        Optional<PublishedCalendar> published = publishedAt(startedAt);
        if (published.isPresent()) {
            return !published.get().calendar().isOpen(startedAt);
        }
        Optional<CalendarKind> calendar = calendarAt(startedAt);
        Optional<ZoneId> zone = zoneAt(startedAt);
        if (calendar.isEmpty() || zone.isEmpty()) {
            return null;
        }
        return switch (calendar.get()) {
            case TWENTY_FOUR_SEVEN -> false;
            case BUSINESS_HOURS -> !BusinessCalendar.weekdays(OPENS, CLOSES, zone.get()).isOpen(startedAt);
        };
    }
}
