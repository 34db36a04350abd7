package dev.helpdesk.sla.settings;

import dev.helpdesk.pipeline.replay.Rebuilding;
import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.calendar.CalendarDocument;
import dev.helpdesk.sla.calendar.CalendarRepository;
import dev.helpdesk.sla.policy.OrganizationRepository;
import dev.helpdesk.sla.policy.PolicyDocument;
import dev.helpdesk.sla.policy.PolicyRepository;
import dev.helpdesk.sla.policy.SlaPolicy;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Policies, calendars and organisations as the clocks use them, parsed, in memory. An opened ticket then reads none
 * of them from the database.
 * <p>
 * Policies, calendars and policy assignments change through this service's API on any instance: the writing
 * transaction publishes a settings event on helpdesk.sla.v1, every instance reads it ({@link SettingsEvictionListener})
 * and evicts the entry, and the writing instance evicts right after its commit. An organisation's contract facts
 * change with its terms (OrganizationTermsChangedEvent): the applying instance evicts it after its commit, the others
 * when they read the organisation-calendar event published for a calendar or zone change (a plan-only change is not
 * announced: every ticket opening carries the plan it was opened under, which decides). A registered organisation
 * is kept until then; one not yet registered is not kept (its registration may be applied by another instance).
 * <p>
 * Nothing is kept while the eviction listener has no partitions (it would miss evictions); its assignment clears
 * everything, so what is read afterwards is at least as new as every change it did not receive. A load that overlaps
 * an eviction is not kept either (generation check).
 */
@Component
public class SettingsCache {

    private final PolicyRepository policies;
    private final CalendarRepository calendars;
    private final OrganizationRepository organizations;
    private final Map<String, CachedPolicy> policyById = new ConcurrentHashMap<>();
    private final Map<String, CalendarDocument> calendarById = new ConcurrentHashMap<>();
    private final Map<CalendarKey, BusinessCalendar> businessCalendars = new ConcurrentHashMap<>();
    private final Map<String, OrganizationRepository.Organization> organizationById = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;

    public SettingsCache(PolicyRepository policies, CalendarRepository calendars, OrganizationRepository organizations) {
        this.policies = policies;
        this.calendars = calendars;
        this.organizations = organizations;
    }

    /** A policy as stored and as the clocks apply it. */
    public record CachedPolicy(PolicyDocument document, SlaPolicy policy) {
    }

    private record CalendarKey(String calendarId, ZoneId zone) {
    }

    public Optional<CachedPolicy> policy(String id) {
        CachedPolicy cached = policyById.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        long before = generation.get();
        Optional<CachedPolicy> loaded = policies.find(id).map(found -> new CachedPolicy(found, found.toPolicy()));
        if (loaded.isPresent() && listening && generation.get() == before) {
            policyById.putIfAbsent(id, loaded.get());
        }
        return loaded;
    }

    /** The calendar's hours and holidays in the zone; throws when the calendar is missing. */
    public BusinessCalendar calendar(String calendarId, ZoneId zone) {
        CalendarKey key = new CalendarKey(calendarId, zone);
        BusinessCalendar cached = businessCalendars.get(key);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        CalendarDocument document = calendarById.get(calendarId);
        if (document == null) {
            document = calendars.find(calendarId)
                    .orElseThrow(() -> new IllegalStateException("calendar " + calendarId + " is missing"));
        }
        BusinessCalendar calendar = document.toBusinessCalendar(zone);
        if (listening && generation.get() == before) {
            calendarById.putIfAbsent(calendarId, document);
            businessCalendars.putIfAbsent(key, calendar);
        }
        return calendar;
    }

    /** What the service knows of the organisation (nothing when neither registered nor given a policy). */
    public OrganizationRepository.Organization organization(String organizationId) {
        if (Rebuilding.active()) {
            // a replay reads its own copy of the organisations, as they were at that point of the history
            return organizations.find(organizationId);
        }
        OrganizationRepository.Organization cached = organizationById.get(organizationId);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        OrganizationRepository.Organization loaded = organizations.find(organizationId);
        if (loaded.registered() && listening && generation.get() == before) {
            organizationById.putIfAbsent(organizationId, loaded);
        }
        return loaded;
    }

    public void evictPolicy(String policyId) {
        generation.incrementAndGet();
        policyById.remove(policyId);
    }

    public void evictCalendar(String calendarId) {
        generation.incrementAndGet();
        calendarById.remove(calendarId);
        businessCalendars.keySet().removeIf(key -> key.calendarId().equals(calendarId));
    }

    public void evictOrganization(String organizationId) {
        generation.incrementAndGet();
        organizationById.remove(organizationId);
    }

    /** Called when the eviction listener got (true) or lost (false) its partitions; forgets everything either way. */
    void listening(boolean listening) {
        this.listening = false;
        generation.incrementAndGet();
        policyById.clear();
        calendarById.clear();
        businessCalendars.clear();
        organizationById.clear();
        this.listening = listening;
    }
}
