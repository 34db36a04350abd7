package dev.helpdesk.faults;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One portal: its own organisation (on the fast SLA policy) and its agent, sending a steady, bounded stream of
 * commands through one gateway, one every {@link #PACE_MILLIS}: open a ticket, log time on one of its tickets,
 * (re)assign the organisation's SLA policy, log time again. Every answer goes into the scenario's {@link Ledger}.
 */
final class Portal implements Runnable {

    static final long PACE_MILLIS = 300;
    /** The organisations' budget: small, so that the 50, 80 and 100 % thresholds are crossed under the load. */
    static final String BUDGET = "600.00";

    private final Http http = new Http();
    private final String gateway;
    private final String organizationId;
    private final String agent;
    private final String admin;
    private final Ledger ledger;
    private final List<String> tickets = new ArrayList<>();
    private volatile boolean stopped;
    private Thread thread;

    private Portal(String gateway, String organizationId, String agent, String admin, Ledger ledger) {
        this.gateway = gateway;
        this.organizationId = organizationId;
        this.agent = agent;
        this.admin = admin;
        this.ledger = ledger;
    }

    /** Registers the portal's organisation and puts it on the fast policy; the setup goes through the given gateway. */
    static Portal open(Fleet fleet, String gateway, String name, Ledger ledger) {
        Http http = new Http();
        String admin = fleet.token("admin-" + name, "admin");
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("name", "Faults academy " + name);
        organization.put("plan", "STANDARD");
        organization.put("calendar", "TWENTY_FOUR_SEVEN");
        organization.put("timeZone", "UTC");
        organization.put("supportPeriod", Map.of("start", LocalDate.now().minusMonths(1).toString(),
                "end", LocalDate.now().plusMonths(11).toString()));
        organization.put("budget", Map.of("amount", Double.parseDouble(BUDGET), "currency", "EUR",
                "standardRate", 80.00, "consultancyRate", 120.00));
        Http.Reply registered = Fleet.untilOk(() -> http.post(gateway + "/api/organizations", admin, organization));
        String organizationId = registered.json().path("id").asText();
        Fleet.untilOk(() -> http.put(gateway + "/api/sla/organizations/" + organizationId + "/policy", admin,
                Map.of("policyId", Fleet.FAST_POLICY)));
        return new Portal(gateway, organizationId, fleet.token("agent-" + name, "agent"), admin, ledger);
    }

    String organizationId() {
        return organizationId;
    }

    void start() {
        thread = new Thread(this, "portal-" + organizationId);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        stopped = true;
        thread.join(Http.CLIENT_TIMEOUT.toMillis() + 5_000);
        if (thread.isAlive()) {
            throw new AssertionError("A portal did not stop: " + thread.getName());
        }
    }

    @Override
    public void run() {
        for (int step = 0; !stopped; step++) {
            long started = System.nanoTime();
            switch (step % 4) {
                case 0 -> openTicket();
                case 2 -> ledger.record("assign-policy", resend(() -> http.put(gateway + "/api/sla/organizations/"
                        + organizationId + "/policy", admin, Map.of("policyId", Fleet.FAST_POLICY))));
                default -> logTime();
            }
            long left = PACE_MILLIS - (System.nanoTime() - started) / 1_000_000;
            if (left > 0) {
                try {
                    Thread.sleep(left); // the pace of a steady stream, not a wait for an outcome
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Sends a command; sends it again (at most twice more) when answered 409 concurrent-change, as the problem asks. */
    private Http.Reply resend(java.util.function.Supplier<Http.Reply> command) {
        Http.Reply reply = command.get();
        for (int again = 0; again < 2 && Ledger.isConcurrentChange(reply); again++) {
            ledger.concurrentChangeRetried();
            reply = command.get();
        }
        return reply;
    }

    private void openTicket() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organizationId", organizationId);
        body.put("type", "INCIDENT");
        body.put("severity", "S2");
        body.put("title", "Quiz page fails for students");
        body.put("description", "Students get an error when submitting the quiz.");
        body.put("channel", "PORTAL");
        Http.Reply reply = ledger.record("open-ticket", resend(() -> http.post(gateway + "/api/tickets", agent, body)));
        if (reply.ok()) {
            String ticketId = reply.json().path("id").asText();
            tickets.add(ticketId);
            ledger.acceptedTickets.add(ticketId);
        }
    }

    private void logTime() {
        if (tickets.isEmpty()) {
            return;
        }
        String ticketId = tickets.get(ThreadLocalRandom.current().nextInt(tickets.size()));
        // multiples of 3 minutes cost whole cents at 80 and 120 an hour: the expected sums are exact
        int minutes = 3 * ThreadLocalRandom.current().nextInt(1, 11);
        String rate = ThreadLocalRandom.current().nextBoolean() ? "STANDARD" : "CONSULTANCY";
        Http.Reply reply = ledger.record("log-time", resend(() -> http.post(gateway + "/api/tickets/" + ticketId
                + "/time-entries", agent, Map.of("minutes", minutes, "rate", rate, "workDate", LocalDate.now().toString(),
                "note", "Fault load"))));
        if (reply.ok()) {
            ledger.acceptedEntries.add(reply.json().path("entryId").asText());
        }
    }
}
