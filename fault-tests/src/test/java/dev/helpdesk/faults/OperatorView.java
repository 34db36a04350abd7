package dev.helpdesk.faults;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an operator's probes and scrapers see of one instance: its readiness and its Prometheus metrics. */
final class OperatorView {

    private final Http http = new Http();

    /** The status of {@code /actuator/health/readiness} on the management port (200 ready, 503 not), -1 if none. */
    int readiness(dev.helpdesk.localstack.Stack.Instance instance) {
        return http.get(instance.managementUrl() + "/actuator/health/readiness", null).status();
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
