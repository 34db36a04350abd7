package dev.helpdesk.bench;

import dev.helpdesk.localstack.Stack;

import java.time.Duration;

/**
 * Benchmark 2: the same read (a ticket by id) direct to the ticket service and through the gateway, at 4 clients,
 * alternated twice to cancel drift. Goal: gateway throughput at least 0.9 of direct, p50 at most +2 ms.
 */
final class GatewayOverhead {

    private final Stack stack;
    private final Portal portal;
    private final Duration measure;

    GatewayOverhead(Stack stack, Portal portal, Duration measure) {
        this.stack = stack;
        this.portal = portal;
        this.measure = measure;
    }

    String run() throws Exception {
        String gateway = stack.gatewayUrl();
        String direct = stack.serviceUrl("ticket-service");
        String[] organization = portal.organizationWithContact(gateway);
        String ticketId = portal.openTicket(gateway, organization[1], organization[0]);
        String path = "/api/tickets/" + ticketId;
        LoadRunner.Operation viaGateway = client -> expect200(portal.get(gateway, path, portal.agent));
        LoadRunner.Operation viaService = client -> expect200(portal.get(direct, path, portal.agent));
        Duration half = measure.dividedBy(2);
        LoadResult d1 = LoadRunner.run(4, Duration.ofSeconds(3), half, viaService);
        LoadResult g1 = LoadRunner.run(4, Duration.ofSeconds(3), half, viaGateway);
        LoadResult d2 = LoadRunner.run(4, Duration.ofSeconds(1), half, viaService);
        LoadResult g2 = LoadRunner.run(4, Duration.ofSeconds(1), half, viaGateway);
        double directRate = (d1.perSecond() + d2.perSecond()) / 2;
        double gatewayRate = (g1.perSecond() + g2.perSecond()) / 2;
        double directP50 = (d1.percentileMillis(50) + d2.percentileMillis(50)) / 2;
        double gatewayP50 = (g1.percentileMillis(50) + g2.percentileMillis(50)) / 2;
        return "| path | requests/s | p50 ms | p99 ms |\n|---|---|---|---|\n"
                + "| direct to ticket-service | " + Bench.f(directRate) + " | " + Bench.f(directP50) + " | "
                + Bench.f(Math.max(d1.percentileMillis(99), d2.percentileMillis(99))) + " |\n"
                + "| through the gateway | " + Bench.f(gatewayRate) + " | " + Bench.f(gatewayP50) + " | "
                + Bench.f(Math.max(g1.percentileMillis(99), g2.percentileMillis(99))) + " |\n\n"
                + "Throughput ratio gateway/direct: **" + Bench.f2(gatewayRate / directRate) + "** (goal >= 0.9); "
                + "p50 added by the gateway: **" + Bench.f(gatewayP50 - directP50) + " ms** (goal <= 2 ms).\n";
    }

    private static void expect200(int status) {
        if (status != 200) {
            throw new IllegalStateException("status " + status);
        }
    }
}
