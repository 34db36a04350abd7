package dev.helpdesk.localstack;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Free ports for a whole stack at once, for tests and benchmarks that start one beside others: every port variable
 * the launcher reads ({@link StackConfig#fromEnvironment}) gets its own port. Each probe releases its port before the
 * next one, so the operating system may hand out the same port twice (seen in CI: Kafka's and the ticket-service's);
 * here no two variables get the same port, and Kafka's controller port (the client port + 1) is free and unpicked too.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** {@code HELPDESK_DB_PORT}, {@code HELPDESK_KAFKA_PORT}, every service's and management port, the mailbox's. */
    public static Map<String, String> environment() {
        Set<Integer> picked = new HashSet<>();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HELPDESK_KAFKA_PORT", Integer.toString(pair(picked)));
        env.put("HELPDESK_DB_PORT", Integer.toString(distinct(picked)));
        for (StackConfig.ServiceSpec spec : StackConfig.fromEnvironment(Map.of(), false).services()) {
            env.put(spec.portVariable(), Integer.toString(distinct(picked)));
            env.put(spec.managementPortVariable(), Integer.toString(distinct(picked)));
        }
        env.put("HELPDESK_MAILBOX_SMTP_PORT", Integer.toString(distinct(picked)));
        env.put("HELPDESK_MAILBOX_PORT", Integer.toString(distinct(picked)));
        return env;
    }

    private static int distinct(Set<Integer> picked) {
        int port = notIn(picked);
        picked.add(port);
        return port;
    }

    /** A port that is free right now and not one of {@code taken} (ports picked for processes not listening yet). */
    public static int notIn(java.util.Collection<Integer> taken) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = Ports.findFree();
            if (!taken.contains(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port that was not picked already");
    }

    /** A port whose successor is free too, neither picked before. */
    private static int pair(Set<Integer> picked) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = Ports.findFree();
            if (port < 65535 && !picked.contains(port) && !picked.contains(port + 1) && Ports.isFree(port + 1)) {
                picked.add(port);
                picked.add(port + 1);
                return port;
            }
        }
        throw new IllegalStateException("no two free neighbouring ports");
    }
}
