package dev.helpdesk.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository these checks read: its deployment files and the services' application.yml. */
final class Repository {

    static final List<String> SERVICES = List.of("ticket-service", "sla-service", "escalation-service", "budget-service",
            "webhook-service", "notification-service", "gateway");

    /** The processes behind the gateway: each owns a database and is reachable only from the gateway. */
    static final List<String> BACKENDS = SERVICES.stream().filter(name -> !name.equals("gateway")).toList();

    private static final Pattern PLACEHOLDER_VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)");

    private Repository() {
    }

    /** The repository's root: Maven runs the tests in the module's directory. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository root (with docker-compose.yml and deploy/) above " + here);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML document of a file, merge keys ({@code <<:}) and anchors resolved. */
    static List<Object> yamlDocuments(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Object> documents = new ArrayList<>();
        for (Object document : new Yaml(options).loadAll(read(file))) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yamlMap(Path file) {
        List<Object> documents = yamlDocuments(file);
        if (documents.size() != 1 || !(documents.get(0) instanceof Map)) {
            throw new IllegalStateException(file + " must hold one YAML mapping");
        }
        return (Map<String, Object>) documents.get(0);
    }

    /**
     * The environment variables a service reads: those its application.yml names in placeholders. (Spring would
     * also bind variables named after any property, e.g. SPRING_DATASOURCE_URL; the deployment files keep to the
     * documented ones, plus {@link #ALSO_READ}.)
     */
    static Set<String> variablesReadBy(String service) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER_VARIABLE.matcher(read(root().resolve(service).resolve("src/main/resources/application.yml")));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * Variables read by something other than application.yml: the JVM, the buildpack's launcher and memory
     * calculator (BPL_*), its health checker (THC_*), Axon's update checker, and Spring Boot's
     * server.forward-headers-strategy (the gateway behind an ingress or proxy).
     */
    static boolean alsoRead(String variable) {
        return variable.equals("JAVA_TOOL_OPTIONS") || variable.startsWith("BPL_") || variable.startsWith("THC_")
                || variable.equals("AXONIQ_UPDATE_CHECKER_DISABLED") || variable.equals("SERVER_FORWARD_HEADERS_STRATEGY");
    }

    static final String ALSO_READ = "JAVA_TOOL_OPTIONS, BPL_*, THC_*, AXONIQ_UPDATE_CHECKER_DISABLED, SERVER_FORWARD_HEADERS_STRATEGY";

    /** The variable naming a service's public port and its management port, as the local stack knows them. */
    static String portVariable(String service) {
        return switch (service) {
            case "ticket-service" -> "HELPDESK_TICKETS_PORT";
            case "sla-service" -> "HELPDESK_SLA_PORT";
            case "escalation-service" -> "HELPDESK_ESCALATIONS_PORT";
            case "budget-service" -> "HELPDESK_BUDGETS_PORT";
            case "webhook-service" -> "HELPDESK_WEBHOOKS_PORT";
            case "notification-service" -> "HELPDESK_NOTIFICATIONS_PORT";
            case "gateway" -> "HELPDESK_GATEWAY_PORT";
            default -> throw new IllegalArgumentException(service);
        };
    }

    static String managementPortVariable(String service) {
        return switch (service) {
            case "ticket-service" -> "HELPDESK_TICKETS_MANAGEMENT_PORT";
            case "sla-service" -> "HELPDESK_SLA_MANAGEMENT_PORT";
            case "escalation-service" -> "HELPDESK_ESCALATIONS_MANAGEMENT_PORT";
            case "budget-service" -> "HELPDESK_BUDGETS_MANAGEMENT_PORT";
            case "webhook-service" -> "HELPDESK_WEBHOOKS_MANAGEMENT_PORT";
            case "notification-service" -> "HELPDESK_NOTIFICATIONS_MANAGEMENT_PORT";
            case "gateway" -> "HELPDESK_GATEWAY_MANAGEMENT_PORT";
            default -> throw new IllegalArgumentException(service);
        };
    }

    /** The variable naming a backend's database (its default in application.yml is the database's name). */
    static String databaseNameVariable(String service) {
        return switch (service) {
            case "ticket-service" -> "HELPDESK_TICKETS_DB_NAME";
            case "sla-service" -> "HELPDESK_SLA_DB_NAME";
            case "escalation-service" -> "HELPDESK_ESCALATIONS_DB_NAME";
            case "budget-service" -> "HELPDESK_BUDGETS_DB_NAME";
            case "webhook-service" -> "HELPDESK_WEBHOOKS_DB_NAME";
            case "notification-service" -> "HELPDESK_NOTIFICATIONS_DB_NAME";
            default -> throw new IllegalArgumentException(service);
        };
    }

    /** The gateway's variable naming a backend's URL. */
    static String gatewayUrlVariable(String service) {
        return switch (service) {
            case "ticket-service" -> "HELPDESK_GATEWAY_TICKETS_URL";
            case "sla-service" -> "HELPDESK_GATEWAY_SLA_URL";
            case "escalation-service" -> "HELPDESK_GATEWAY_ESCALATIONS_URL";
            case "budget-service" -> "HELPDESK_GATEWAY_BUDGETS_URL";
            case "webhook-service" -> "HELPDESK_GATEWAY_WEBHOOKS_URL";
            case "notification-service" -> "HELPDESK_GATEWAY_NOTIFICATIONS_URL";
            default -> throw new IllegalArgumentException(service);
        };
    }

    /**
     * The default of {@code ${VARIABLE:default}} in a service's application.yml; when the default is a former name's
     * placeholder ({@code ${HELPDESK_TICKETS_PORT:${TICKET_SERVICE_PORT:8081}}}), that one's default.
     */
    static String defaultOf(String service, String variable) {
        String yml = read(root().resolve(service).resolve("src/main/resources/application.yml"));
        int at = yml.indexOf("${" + variable + ":");
        if (at < 0) {
            throw new IllegalStateException(service + "'s application.yml has no default for " + variable);
        }
        int start = at + variable.length() + 3;
        String value = yml.substring(start, closingBrace(yml, start));
        Matcher former = Pattern.compile("\\$\\{([A-Z0-9_]+):").matcher(value);
        if (former.lookingAt() && closingBrace(value, former.end()) == value.length() - 1) {
            return defaultOf(service, former.group(1));
        }
        return value;
    }

    /** Where the placeholder whose content starts at {@code start} ends (nested placeholders skipped). */
    private static int closingBrace(String text, int start) {
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        throw new IllegalStateException("unclosed placeholder in " + text);
    }
}
