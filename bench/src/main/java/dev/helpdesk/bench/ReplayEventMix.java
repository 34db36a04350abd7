package dev.helpdesk.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The ticket topic's history for the replay benchmark, as the ticket service publishes it: CloudEvents envelopes
 * ({@code EventEnvelope} JSON) keyed by the aggregate id, with per-aggregate sequences and a global position.
 * Written as maps rather than with the {@code ticket-events} records because the bench depends only on the local
 * stack; the field names are those of the records, and every event passes the budget's validation (none becomes a
 * dead letter). A seeded random makes the mix the same in every run: organisations registered with a budget and a
 * purchase first, then tickets opened, commented and moved through statuses (which the budget skips), mostly time
 * logged on them, some of it reversed, and an occasional top-up.
 */
final class ReplayEventMix {

    /** A record to send: the key (aggregate id) and the envelope JSON. */
    record Event(String key, String type, String json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STATUSES = {"IN_PROGRESS", "WAITING_ON_CUSTOMER", "RESOLVED", "CLOSED"};
    private static final int ACTIVE_TICKETS = 5_000;
    private static final int RECENT_ENTRIES = 2_000;

    private final Random random = new Random(20261122L);
    private final int organizations;
    private final long total;
    private final Instant firstTime;
    private final Duration step;
    private final LocalDate periodStart;
    private final LocalDate periodEnd;
    private final String[] organizationIds;
    private final long[] organizationSequences;
    private final List<Ticket> tickets = new ArrayList<>();
    private final List<Entry> recentEntries = new ArrayList<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private long position;

    private static final class Ticket {
        final String id;
        final int organization;
        long sequence;

        Ticket(String id, int organization) {
            this.id = id;
            this.organization = organization;
        }
    }

    private record Entry(Ticket ticket, String entryId, String agentId, int minutes, String rate, LocalDate workDate) {
    }

    ReplayEventMix(int organizations, long total) {
        this.organizations = organizations;
        this.total = total;
        Instant now = Instant.now();
        this.firstTime = now.minus(Duration.ofDays(180));
        this.step = Duration.ofDays(180).dividedBy(Math.max(1, total));
        this.periodStart = LocalDate.ofInstant(firstTime, ZoneOffset.UTC).minusDays(1);
        this.periodEnd = periodStart.plusYears(1);
        this.organizationIds = new String[organizations];
        this.organizationSequences = new long[organizations];
        for (int i = 0; i < organizations; i++) {
            organizationIds[i] = uuid();
        }
    }

    boolean hasNext() {
        return position < total;
    }

    /** The next event of the history. */
    Event next() {
        if (position < organizations) {
            return registered((int) position);
        }
        if (position < 2L * organizations) {
            return purchased((int) (position - organizations));
        }
        if (tickets.isEmpty()) {
            return opened();
        }
        int dice = random.nextInt(1000);
        if (dice < 60) {
            return opened();
        } else if (dice < 140) {
            return commented(anyTicket());
        } else if (dice < 180) {
            return statusChanged(anyTicket());
        } else if (dice < 210 && !recentEntries.isEmpty()) {
            return reversed(recentEntries.remove(random.nextInt(recentEntries.size())));
        } else if (dice < 212) {
            return purchased(random.nextInt(organizations));
        }
        return logged(anyTicket());
    }

    /** How many events of each type were produced so far. */
    Map<String, Long> counts() {
        return counts;
    }

    private Event registered(int organization) {
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("amount", (20 + random.nextInt(180)) * 1000 + ".00");
        budget.put("currency", "EUR");
        budget.put("standardRate", "80.00");
        budget.put("consultancyRate", "120.00");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organizationId", organizationIds[organization]);
        data.put("name", "Bench organisation " + organization);
        data.put("plan", "STANDARD");
        data.put("calendar", organization % 2 == 0 ? "BUSINESS_HOURS" : "TWENTY_FOUR_SEVEN");
        data.put("timeZone", "Europe/London");
        data.put("supportPeriodStart", periodStart.toString());
        data.put("supportPeriodEnd", periodEnd.toString());
        data.put("contactLimit", 10);
        data.put("supportManager", null);
        data.put("budget", budget);
        return organizationEvent(organization, "helpdesk.organization.registered.v1", data, "bench-admin");
    }

    private Event purchased(int organization) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organizationId", organizationIds[organization]);
        data.put("purchaseId", uuid());
        data.put("amount", (5 + random.nextInt(50)) * 1000 + ".00");
        data.put("currency", "EUR");
        return organizationEvent(organization, "helpdesk.organization.budget-purchased.v1", data, "bench-admin");
    }

    private Event opened() {
        Ticket ticket = new Ticket(uuid(), random.nextInt(organizations));
        if (tickets.size() < ACTIVE_TICKETS) {
            tickets.add(ticket);
        } else {
            tickets.set(random.nextInt(ACTIVE_TICKETS), ticket);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", ticket.id);
        data.put("key", "HD-" + (position + 1));
        data.put("organizationId", organizationIds[ticket.organization]);
        data.put("plan", "STANDARD");
        data.put("calendar", "BUSINESS_HOURS");
        data.put("timeZone", "Europe/London");
        data.put("type", "INCIDENT");
        data.put("severity", "S" + (1 + random.nextInt(5)));
        data.put("title", "Cannot open the course page");
        data.put("description", "The course page answers an error since this morning; other pages work.");
        data.put("channel", "PORTAL");
        data.put("courseId", null);
        data.put("affectedUserEmail", null);
        data.put("pageUrl", null);
        data.put("openedBy", "contact-" + ticket.organization);
        data.put("openedByKind", "CONTACT");
        data.put("openedAt", time().toString());
        return ticketEvent(ticket, "helpdesk.ticket.opened.v1", data, "contact-" + ticket.organization);
    }

    private Event commented(Ticket ticket) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", ticket.id);
        data.put("commentId", uuid());
        data.put("authorId", agent());
        data.put("authorKind", "STAFF");
        data.put("visibility", random.nextBoolean() ? "PUBLIC" : "INTERNAL");
        data.put("body", "Reproduced it, looking into the logs now.");
        data.put("addedAt", time().toString());
        return ticketEvent(ticket, "helpdesk.ticket.comment-added.v1", data, (String) data.get("authorId"));
    }

    private Event statusChanged(Ticket ticket) {
        int to = random.nextInt(STATUSES.length);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", ticket.id);
        data.put("from", to == 0 ? "NEW" : STATUSES[to - 1]);
        data.put("to", STATUSES[to]);
        data.put("reason", null);
        data.put("changedBy", agent());
        data.put("changedByKind", "STAFF");
        data.put("automatic", false);
        data.put("changedAt", time().toString());
        // Since issue 21 a move to RESOLVED carries the summary shown to the contact (null on any other move).
        data.put("resolution", STATUSES[to].equals("RESOLVED") ? "Explained the setting and shared the next steps" : null);
        return ticketEvent(ticket, "helpdesk.ticket.status-changed.v1", data, (String) data.get("changedBy"));
    }

    private Event logged(Ticket ticket) {
        Entry entry = new Entry(ticket, uuid(), agent(), 5 * (1 + random.nextInt(36)),
                random.nextInt(5) == 0 ? "CONSULTANCY" : "STANDARD", workDate());
        if (recentEntries.size() < RECENT_ENTRIES) {
            recentEntries.add(entry);
        } else {
            recentEntries.set(random.nextInt(RECENT_ENTRIES), entry);
        }
        Map<String, Object> data = entryData(entry);
        data.put("note", "Investigated and answered the customer");
        data.put("loggedAt", time().toString());
        return ticketEvent(ticket, "helpdesk.ticket.time-entry-logged.v1", data, entry.agentId());
    }

    private Event reversed(Entry entry) {
        Map<String, Object> data = entryData(entry);
        data.put("reason", "logged on the wrong ticket");
        data.put("reversedBy", entry.agentId());
        data.put("reversedAt", time().toString());
        return ticketEvent(entry.ticket(), "helpdesk.ticket.time-entry-reversed.v1", data, entry.agentId());
    }

    private Map<String, Object> entryData(Entry entry) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", entry.ticket().id);
        data.put("organizationId", organizationIds[entry.ticket().organization]);
        data.put("entryId", entry.entryId());
        data.put("agentId", entry.agentId());
        data.put("minutes", entry.minutes());
        data.put("rate", entry.rate());
        data.put("workDate", entry.workDate().toString());
        return data;
    }

    private Event organizationEvent(int organization, String type, Map<String, Object> data, String actor) {
        return envelope(organizationIds[organization], "Organization", organizationSequences[organization]++, type, data, actor);
    }

    private Event ticketEvent(Ticket ticket, String type, Map<String, Object> data, String actor) {
        return envelope(ticket.id, "Ticket", ticket.sequence++, type, data, actor);
    }

    private Event envelope(String key, String aggregateType, long sequence, String type, Map<String, Object> data, String actor) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", uuid());
        envelope.put("type", type);
        envelope.put("source", "/ticket-service");
        envelope.put("subject", key);
        envelope.put("time", time().toString());
        envelope.put("datacontenttype", "application/json");
        envelope.put("aggregatetype", aggregateType);
        envelope.put("sequence", sequence);
        envelope.put("position", position);
        envelope.put("actor", actor);
        envelope.put("correlationid", uuid());
        envelope.put("data", data);
        position++;
        counts.merge(type, 1L, Long::sum);
        try {
            return new Event(key, type, JSON.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Ticket anyTicket() {
        return tickets.get(random.nextInt(tickets.size()));
    }

    private Instant time() {
        return firstTime.plus(step.multipliedBy(position));
    }

    private LocalDate workDate() {
        return LocalDate.ofInstant(time(), ZoneOffset.UTC);
    }

    private String agent() {
        return "agent-" + random.nextInt(200);
    }

    /** A version 4 UUID from the seeded random. */
    private String uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
