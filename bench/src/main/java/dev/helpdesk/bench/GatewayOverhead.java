package dev.helpdesk.bench;

import dev.helpdesk.localstack.Stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Benchmark 2: the same read (a ticket by id) direct to the ticket service and through the gateway, at 1 and 4
 * clients, alternated twice to cancel drift, with the CPU each process spent per request. Goal: gateway throughput at
 * least 0.9 of direct, p50 at most +2 ms.
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
        ProcessCpu cpu = new ProcessCpu(stack);
        // JIT warm-up of both paths, unmeasured, until the compilers are quiet
        LoadRunner.WarmUp throughGateway = LoadRunner.warmUp(4, viaGateway, cpu);
        LoadRunner.WarmUp directly = LoadRunner.warmUp(4, viaService, cpu);
        StringBuilder table = new StringBuilder("Through the gateway: " + throughGateway.describe() + ". Direct: "
                + directly.describe() + ".\n\n"
                + "| clients | path | requests/s | p50 ms | p99 ms | CPU ms per request: ticket-service | gateway | benchmark client | all | of which JIT | cores busy |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        StringBuilder verdict = new StringBuilder();
        Duration half = measure.dividedBy(2);
        for (int clients : new int[] {1, 4}) {
            // alternated twice, so that drift of the machine falls on both paths alike
            List<LoadResult> directRuns = new ArrayList<>();
            List<LoadResult> gatewayRuns = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                directRuns.add(LoadRunner.run(clients, Duration.ofSeconds(1), half, viaService, cpu));
                gatewayRuns.add(LoadRunner.run(clients, Duration.ofSeconds(1), half, viaGateway, cpu));
            }
            row(table, clients, "direct to ticket-service", directRuns);
            row(table, clients, "through the gateway", gatewayRuns);
            double ratio = mean(gatewayRuns, LoadResult::perSecond) / mean(directRuns, LoadResult::perSecond);
            double added = mean(gatewayRuns, r -> r.percentileMillis(50)) - mean(directRuns, r -> r.percentileMillis(50));
            verdict.append("- ").append(clients).append(clients == 1 ? " client" : " clients")
                    .append(": throughput ratio gateway/direct **").append(Bench.f2(ratio)).append("** (goal >= 0.9); p50 added **")
                    .append(Bench.f(added)).append(" ms** (goal <= 2 ms).\n");
        }
        return table + "\n" + verdict;
    }

    private static void row(StringBuilder table, int clients, String path, List<LoadResult> runs) {
        table.append("| ").append(clients).append(" | ").append(path)
                .append(" | ").append(Bench.f(mean(runs, LoadResult::perSecond)))
                .append(" | ").append(Bench.f(mean(runs, r -> r.percentileMillis(50))))
                .append(" | ").append(Bench.f(runs.stream().mapToDouble(r -> r.percentileMillis(99)).max().orElse(0)));
        for (String process : List.of("ticket-service", "gateway", "benchmark client")) {
            table.append(" | ").append(Bench.f(mean(runs, r -> r.cpuMillisPerOperation(process))));
        }
        table.append(" | ").append(Bench.f(mean(runs, LoadResult::cpuMillisPerOperation)))
                .append(" | ").append(Bench.f2(mean(runs, LoadResult::jitMillisPerOperation)))
                .append(" | ").append(Math.round(mean(runs, LoadResult::coresBusyPercent))).append(" % |\n");
    }

    private static double mean(List<LoadResult> runs, ToDoubleFunction<LoadResult> figure) {
        return runs.stream().mapToDouble(figure).average().orElse(Double.NaN);
    }

    private static void expect200(int status) {
        if (status != 200) {
            throw new IllegalStateException("status " + status);
        }
    }
}
