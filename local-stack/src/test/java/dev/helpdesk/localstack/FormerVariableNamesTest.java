package dev.helpdesk.localstack;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.FileSystemResource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The variables renamed into the {@code HELPDESK_<SERVICE>_*} scheme (README, "Former names, still read"): a
 * deployment that sets only the former name keeps its value, and the current name wins when both are set. Each
 * deployable's application.yml is resolved as Spring resolves it, with the given environment in front.
 */
class FormerVariableNamesTest {

    /** deployable, its prefix in the current names, in the former ones (ports and routes), and its database. */
    private static final List<List<String>> SERVICES = List.of(
            List.of("ticket-service", "TICKETS", "TICKET", "tickets"),
            List.of("sla-service", "SLA", "SLA", "sla"),
            List.of("escalation-service", "ESCALATIONS", "ESCALATION", "escalations"),
            List.of("budget-service", "BUDGETS", "BUDGET", "budgets"),
            List.of("webhook-service", "WEBHOOKS", "WEBHOOK", "webhooks"),
            List.of("notification-service", "NOTIFICATIONS", "NOTIFICATION", "notifications"));

    private record Renamed(String deployable, String property, String current, String former) {
    }

    private static List<Renamed> renamed() {
        List<Renamed> all = new ArrayList<>();
        for (List<String> s : SERVICES) {
            String deployable = s.get(0), prefix = s.get(1), formerPrefix = s.get(2), routes = s.get(3);
            all.add(new Renamed(deployable, "server.port", "HELPDESK_" + prefix + "_PORT", formerPrefix + "_SERVICE_PORT"));
            all.add(new Renamed(deployable, "spring.datasource.url", "HELPDESK_" + prefix + "_DB_URL", prefix + "_DB_URL"));
            all.add(new Renamed("gateway", "helpdesk.gateway.services." + routes + ".url",
                    "HELPDESK_GATEWAY_" + prefix + "_URL", formerPrefix + "_SERVICE_URL"));
            all.add(new Renamed("gateway", "helpdesk.gateway.services." + routes + ".response-timeout-ms",
                    "HELPDESK_GATEWAY_" + prefix + "_TIMEOUT_MS", formerPrefix + "_SERVICE_TIMEOUT_MS"));
            all.add(new Renamed("gateway", "helpdesk.gateway.services." + routes + ".connect-timeout-ms",
                    "HELPDESK_GATEWAY_" + prefix + "_CONNECT_TIMEOUT_MS", formerPrefix + "_SERVICE_CONNECT_TIMEOUT_MS"));
        }
        all.add(new Renamed("gateway", "server.port", "HELPDESK_GATEWAY_PORT", "GATEWAY_PORT"));
        all.add(new Renamed("sla-service", "spring.datasource.hikari.maximum-pool-size", "HELPDESK_SLA_DB_POOL_SIZE", "SLA_DB_POOL_SIZE"));
        return all;
    }

    @Test
    void aFormerNameAloneIsStillReadAndTheCurrentNameWins() throws Exception {
        List<Renamed> all = renamed();
        assertThat(all).hasSize(32);
        for (Renamed r : all) {
            String unset = resolve(r.deployable(), r.property(), Map.of());
            assertThat(unset).as(r + " has a default").isNotBlank().doesNotContain("${");
            assertThat(resolve(r.deployable(), r.property(), Map.of(r.former(), "111")))
                    .as(r + ", former name alone").isEqualTo("111");
            assertThat(resolve(r.deployable(), r.property(), Map.of(r.former(), "111", r.current(), "222")))
                    .as(r + ", both names").isEqualTo("222");
        }
    }

    @Test
    void aDatabaseNameByItsFormerNameStillChoosesTheDatabase() throws Exception {
        for (List<String> s : SERVICES) {
            String deployable = s.get(0), prefix = s.get(1), database = s.get(3);
            assertThat(resolve(deployable, "spring.datasource.url", Map.of()))
                    .isEqualTo("jdbc:postgresql://localhost:5432/" + database);
            assertThat(resolve(deployable, "spring.datasource.url", Map.of(prefix + "_DB_NAME", "old")))
                    .isEqualTo("jdbc:postgresql://localhost:5432/old");
            assertThat(resolve(deployable, "spring.datasource.url",
                    Map.of(prefix + "_DB_NAME", "old", "HELPDESK_" + prefix + "_DB_NAME", "new", "HELPDESK_DB_HOST", "db")))
                    .isEqualTo("jdbc:postgresql://db:5432/new");
        }
    }

    private static String resolve(String deployable, String property, Map<String, Object> environment) throws Exception {
        Path yml = Path.of("..").toAbsolutePath().normalize().resolve(deployable).resolve("src/main/resources/application.yml");
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("environment", environment));
        for (PropertySource<?> source : new YamlPropertySourceLoader().load(deployable, new FileSystemResource(yml))) {
            sources.addLast(source);
        }
        PropertySourcesPropertyResolver resolver = new PropertySourcesPropertyResolver(sources);
        return resolver.getProperty(property);
    }
}
