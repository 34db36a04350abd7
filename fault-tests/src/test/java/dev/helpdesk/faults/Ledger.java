package dev.helpdesk.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the portals of one scenario sent and what they were answered: accepted commands (with the ids they created),
 * commands refused with a 503 problem, and every answer that breaks the promise (a 5xx that is not a 503 problem,
 * an answer slower than the gateway's timeout, no answer at all, an unexpected 4xx).
 */
final class Ledger {

    /** The gateway's response timeout (30 s) and a margin for a loaded machine. */
    static final long SLOWEST_ALLOWED_MILLIS = 35_000;

    final Set<String> acceptedTickets = ConcurrentHashMap.newKeySet();
    final Set<String> acceptedEntries = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ambiguousOpens = new AtomicInteger();
    private final AtomicInteger concurrentChangeRetries = new AtomicInteger();
    private final AtomicInteger gatewayTimeouts = new AtomicInteger();
    private volatile long slowestRefusalMillis;

    /** Records one answer to a command of the given kind; returns it for the caller to use when accepted. */
    Http.Reply record(String kind, Http.Reply reply) {
        if (reply.millis() > SLOWEST_ALLOWED_MILLIS) {
            violations.add(kind + " answered after the gateway's timeout: " + reply);
        }
        if (reply.ok()) {
            accepted.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        } else if ((reply.status() == 503 || reply.status() == 504 && reply.problemType().equals("gateway-timeout"))
                && reply.isProblem()) {
            // 504: the gateway's answer for an instance that took the connection but did not answer within its
            // timeout (docs/operations.md: a restarted instance still finishing its start on a loaded machine)
            refused.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            if (reply.status() == 504) {
                gatewayTimeouts.incrementAndGet();
            }
            slowestRefusalMillis = Math.max(slowestRefusalMillis, reply.millis());
            if (kind.equals("open-ticket")) {
                ambiguousOpens.incrementAndGet(); // the connection may have dropped after the ticket was stored
            }
        } else if (reply.status() >= 500) {
            violations.add(kind + " got a 5xx that is not a 503 problem: " + reply);
        } else if (reply.status() == -1) {
            violations.add(kind + " got no answer: " + reply);
        } else {
            violations.add(kind + " got an unexpected " + reply);
        }
        return reply;
    }

    /**
     * A command answered 409 {@code stale-version} with reason {@code concurrent-change}: two instances wrote the same
     * ticket at once (an inbound SLA event on one, the portal's command on the other); nothing was stored, and the
     * problem tells the client to send it again, which the portal does.
     */
    static boolean isConcurrentChange(Http.Reply reply) {
        return reply.status() == 409 && reply.isProblem() && reply.json().path("reason").asText().equals("concurrent-change");
    }

    void concurrentChangeRetried() {
        concurrentChangeRetries.incrementAndGet();
    }

    int accepted(String kind) {
        AtomicInteger count = accepted.get(kind);
        return count == null ? 0 : count.get();
    }

    int acceptedTotal() {
        return accepted.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int refusedTotal() {
        return refused.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int ambiguousOpens() {
        return ambiguousOpens.get();
    }

    long slowestRefusalMillis() {
        return slowestRefusalMillis;
    }

    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    String summary() {
        return "accepted " + new TreeMap<>(accepted) + ", refused with 503 problem " + new TreeMap<>(refused)
                + " (of them 504 gateway-timeout " + gatewayTimeouts.get() + "; slowest refusal " + slowestRefusalMillis
                + " ms), sent again after 409 concurrent-change " + concurrentChangeRetries.get()
                + ", violations " + violations().size();
    }
}
