package dev.helpdesk.bench;

import dev.helpdesk.localstack.Stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Benchmark 6: time from start to every service ready, and each process's resident memory at rest and under a load
 * of one client (peak of samples taken every 500 ms), next to the JVM's own heap limit.
 */
final class Footprint {

    private final Stack stack;
    private final Portal portal;
    private final Duration measure;
    private final Duration startup;

    Footprint(Stack stack, Portal portal, Duration measure, Duration startup) {
        this.stack = stack;
        this.portal = portal;
        this.measure = measure;
        this.startup = startup;
    }

    String run() throws Exception {
        Thread.sleep(5_000); // let start-up work settle before sampling memory at rest
        Map<String, Long> atRest = new LinkedHashMap<>();
        stack.pids().forEach((name, pid) -> atRest.put(name, rssKb(pid)));
        String gateway = stack.gatewayUrl();
        String[] organization = portal.organizationWithContact(gateway);
        Map<String, Long> peak = new LinkedHashMap<>(atRest);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                stack.pids().forEach((name, pid) -> peak.merge(name, rssKb(pid), Math::max));
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        LoadResult load = LoadRunner.run(1, Duration.ofSeconds(2), measure,
                client -> portal.openTicket(gateway, organization[1], organization[0]));
        sampler.interrupt();
        sampler.join();
        StringBuilder table = new StringBuilder("Start to all services ready: **" + startup.toSeconds() + " s** "
                + "(PostgreSQL, Kafka, five services; services start in parallel on " + Runtime.getRuntime().availableProcessors() + " cores).\n\n"
                + "Load 1: one client opening tickets, " + Bench.f(load.perSecond()) + " commands/s.\n\n"
                + "| process | RSS at rest MB | RSS peak under load 1 MB |\n|---|---|---|\n");
        atRest.forEach((name, rest) -> table.append("| ").append(name).append(" | ").append(rest / 1024).append(" | ")
                .append(peak.get(name) / 1024).append(" |\n"));
        return table.toString();
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
