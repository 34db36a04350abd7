package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17: an analyst rebuilds every projection (ticket views, SLA clocks, escalations, budgets) through the gateway
 * while a portal keeps opening tickets, logging time and reading what it wrote, and the portal never gets a wrong
 * answer: a ticket it was answered 201 for is there on the next read, with what it wrote; a clock, an escalation, a
 * budget figure it has seen never goes missing or backwards; after the switch every figure is exact.
 */
@ExtendWith(RunningSystem.class)
class ReplaysWhileInUseStoriesTest {

    private static final Map<String, String> PROJECTIONS = Map.of(
            "tickets", "ticket-views", "sla", "sla-clocks", "escalations", "escalations", "budgets", "budgets");
    /** 15 minutes at the standard rate of 80.00 an hour. */
    private static final BigDecimal ENTRY = new BigDecimal("20.00");

    private final Scenario scenario = new Scenario();
    /** Set from the first replay's start until every replay has switched; reads answered meanwhile are counted. */
    private final java.util.concurrent.atomic.AtomicBoolean replaysRunning = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger readsDuringReplays = new java.util.concurrent.atomic.AtomicInteger();
    private final Api api = scenario.api;

    @Test
    void everyProjectionRebuiltWhileAPortalReadsAndWritesGivesItNoWrongAnswer() {
        String organizationId = scenario.registerOrganization("STANDARD", "TWENTY_FOUR_SEVEN", "Europe/Dublin");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        Portal portal = new Portal(organizationId, contact);
        for (int i = 0; i < 3; i++) {
            portal.openTicketAndLogTime();
        }
        String escalated = portal.tickets.get(0);
        Api.Response requested = api.post("/api/tickets/" + escalated + "/escalation-requests", contact,
                Map.of("reason", "Grades are due tomorrow"));
        assertThat(requested.status()).as(requested.toString()).isIn(200, 201, 202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            portal.read();
            assertThat(portal.clocksSeen).containsAll(portal.tickets);
            assertThat(portal.escalationSeen).isTrue();
            assertThat(portal.consumedSeen).isEqualByComparingTo(portal.accepted());
        });

        // More history than the few tickets above, so that each rebuild has some work to do while the portal works.
        for (int i = 0; i < 12; i++) {
            portal.openTicketAndLogTime();
        }

        // The portal works on its own thread, without pause, from before the replays start until after they switched:
        // every third round writes, every round reads everything it wrote.
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<Integer> work = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            int round = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!stop.get() && round < 2_000 && System.nanoTime() < deadline) {
                if (round % 3 == 0) {
                    portal.openTicketAndLogTime();
                }
                portal.read();
                round++;
            }
            return round;
        });

        Map<String, String> replays = new LinkedHashMap<>();
        replaysRunning.set(true);
        PROJECTIONS.forEach((service, projection) -> {
            Api.Response started = api.post("/api/admin/" + service + "/replays", scenario.analyst, Map.of("projection", projection));
            assertThat(started.status()).as(service + ": " + started).isEqualTo(202);
            replays.put(service, started.json().path("id").asText());
        });
        Set<String> running = new TreeSet<>(replays.keySet());
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (work.isDone()) {
                    work.join(); // the wrong answer the portal got, with its message
                }
                assertThat(work).as("the portal stopped early").isNotDone();
                for (String service : List.copyOf(running)) {
                    JsonNode progress = api.get("/api/admin/" + service + "/replays/" + replays.get(service), scenario.analyst).json();
                    String state = progress.path("state").asText();
                    assertThat(state).as(service + " replay: " + progress).isIn("RUNNING", "COMPLETED");
                    if (state.equals("COMPLETED")) {
                        running.remove(service);
                        System.out.println("[replays] " + service + ": " + progress);
                    }
                }
                return running.isEmpty();
            });
        } finally {
            replaysRunning.set(false);
        }
        int readsAtSwitch = readsDuringReplays.get();
        // the portal goes on for 2 s after the last switch
        long after = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> work.isDone() || System.nanoTime() - after > 2_000_000_000L);
        stop.set(true);
        int rounds = work.join(); // a wrong answer the portal got fails here, with its message
        assertThat(readsAtSwitch).as("portal reads while the replays ran").isPositive();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            portal.read();
            assertThat(portal.clocksSeen).as("every ticket's SLA clock").containsAll(portal.tickets);
            assertThat(portal.consumedSeen).as("consumed budget").isEqualByComparingTo(portal.accepted());
        });
        System.out.println("[replays] " + rounds + " portal rounds (" + readsAtSwitch + " reads while the replays ran), "
                + portal.tickets.size() + " tickets, " + portal.reads + " reads, none wrong");
    }

    /** One portal user: what it wrote, and what it has seen, to hold every later answer to. */
    private final class Portal {

        private final String organizationId;
        private final String contact;
        final List<String> tickets = new ArrayList<>();
        private final Map<String, String> titles = new LinkedHashMap<>();
        final Set<String> clocksSeen = new TreeSet<>();
        boolean escalationSeen;
        BigDecimal consumedSeen = BigDecimal.ZERO;
        int reads;

        Portal(String organizationId, String contact) {
            this.organizationId = organizationId;
            this.contact = contact;
        }

        void openTicketAndLogTime() {
            JsonNode ticket = scenario.openTicket(contact, organizationId, "QUERY", "S3");
            String id = ticket.path("id").asText();
            tickets.add(id);
            titles.put(id, ticket.path("title").asText());
            Api.Response logged = api.post("/api/tickets/" + id + "/time-entries", scenario.agent, Map.of(
                    "minutes", 15, "rate", "STANDARD", "workDate", LocalDate.now().toString(), "note", "Replay round"));
            assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        }

        BigDecimal accepted() {
            return ENTRY.multiply(BigDecimal.valueOf(tickets.size()));
        }

        private void counted() {
            reads++;
            if (replaysRunning.get()) {
                readsDuringReplays.incrementAndGet();
            }
        }

        /** Reads everything it wrote; fails on the first wrong answer. */
        void read() {
            for (String id : tickets) {
                Api.Response ticket = api.get("/api/tickets/" + id, contact);
                counted();
                assertThat(ticket.status()).as("ticket " + id + " answered 201 before: " + ticket).isEqualTo(200);
                assertThat(ticket.json().path("title").asText()).as(id).isEqualTo(titles.get(id));
                assertThat(ticket.json().path("organizationId").asText()).as(id).isEqualTo(organizationId);
            }
            Api.Response clocks = api.get("/api/sla/tickets?ticketId=" + String.join(",", tickets), contact);
            counted();
            assertThat(clocks.status()).as(clocks.toString()).isEqualTo(200);
            Set<String> withClock = new TreeSet<>();
            for (JsonNode document : clocks.json().path("items")) {
                for (JsonNode clock : document.path("clocks")) {
                    if (clock.path("metric").asText().equals("FIRST_RESPONSE")) {
                        withClock.add(document.path("ticketId").asText());
                    }
                }
            }
            assertThat(withClock).as("SLA clocks seen before").containsAll(clocksSeen);
            clocksSeen.addAll(withClock);

            Api.Response escalations = api.get("/api/escalations?ticketId=" + tickets.get(0), scenario.manager);
            counted();
            assertThat(escalations.status()).as(escalations.toString()).isEqualTo(200);
            boolean present = escalations.json().path("items").size() > 0;
            assertThat(present || !escalationSeen).as("the escalation seen before: " + escalations).isTrue();
            escalationSeen |= present;

            Api.Response budget = api.get("/api/budgets/" + organizationId, contact);
            counted();
            assertThat(budget.status()).as(budget.toString()).isEqualTo(200);
            BigDecimal consumed = budget.json().path("consumed").decimalValue();
            assertThat(consumed).as("consumed budget never goes backwards (seen " + consumedSeen + ")")
                    .isGreaterThanOrEqualTo(consumedSeen).isLessThanOrEqualTo(accepted());
            consumedSeen = consumed;
        }
    }
}
