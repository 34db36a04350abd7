package dev.helpdesk.faults;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an operator's probes and scrapers see of one instance: its readiness and its Prometheus metrics. */
final class OperatorView {

    /** A probe's timeout, as an orchestrator's would be: an endpoint that does not answer within it counts as not ready. */
    private final Http http = new Http(java.time.Duration.ofSeconds(10));
    private final java.util.concurrent.ExecutorService probing = java.util.concurrent.Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "readiness-probe");
        thread.setDaemon(true);
        return thread;
    });

    /** The status of {@code /actuator/health/readiness} on the management port (200 ready, 503 not), -1 if none. */
    int readiness(dev.helpdesk.localstack.Stack.Instance instance) {
        return http.get(instance.managementUrl() + "/actuator/health/readiness", null).status();
    }

    /** The readiness of every instance, probed at once (one slow probe does not delay the others). */
    java.util.Map<String, Integer> readiness(java.util.List<dev.helpdesk.localstack.Stack.Instance> instances) {
        java.util.Map<String, java.util.concurrent.CompletableFuture<Integer>> probes = new java.util.LinkedHashMap<>();
        instances.forEach(instance -> probes.put(instance.name(), java.util.concurrent.CompletableFuture.supplyAsync(
                () -> readiness(instance), probing)));
        java.util.Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
        probes.forEach((name, probe) -> statuses.put(name, probe.join()));
        return statuses;
    }

    /** The value of a gauge in {@code /actuator/prometheus} whose labels contain {@code label}. */
    OptionalDouble metric(dev.helpdesk.localstack.Stack.Instance instance, String name, String label) {
        Http.Reply scrape = http.get(instance.managementUrl() + "/actuator/prometheus", null);
        if (!scrape.ok()) {
            return OptionalDouble.empty();
        }
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape.body());
        while (line.find()) {
            if (line.group(1).contains(label)) {
                return OptionalDouble.of(Double.parseDouble(line.group(2)));
            }
        }
        return OptionalDouble.empty();
    }
}
