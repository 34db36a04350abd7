package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.sla.settings.SettingsCache;
import dev.helpdesk.sla.support.Api;
import dev.helpdesk.sla.support.SlaTopic;
import dev.helpdesk.sla.support.TicketEvents;
import dev.helpdesk.testsupport.TestInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import dev.helpdesk.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Several instances on one database and one set of topics, started and stopped by hand. */
class SlaClusterTest {

    private static final String ADMIN = TestTokens.admin("admin-1");

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext start(Map<String, Object> properties) {
        List<String> arguments = new ArrayList<>();
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.add("--server.port=0");
        arguments.add("--management.server.port=0");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SlaServiceApplication.class)
                .run(arguments.toArray(new String[0]));
        instances.add(context);
        return context;
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    private static long outboxCount(JdbcTemplate jdbc, String ticketId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE record_key = ? AND event_type = ?", Long.class, ticketId, type);
    }

    private static String stateWhileDown(Map<String, Object> properties, String ticketId) throws Exception {
        try (Connection connection = TestPostgres.get().connect(properties.get("spring.datasource.url").toString());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT state FROM clock WHERE ticket_id = ? AND metric = 'FIRST_RESPONSE'")) {
            query.setString(1, ticketId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static long firedTimers(ConfigurableApplicationContext context) {
        Timer lag = context.getBean(MeterRegistry.class).find("helpdesk.sla.timer.lag").timer();
        return lag == null ? 0 : lag.count();
    }

    @Test
    void withTwoInstancesEachWarningAndBreachHappensExactlyOnce() {
        Map<String, Object> properties = TestInfrastructure.freshProperties("sla_cluster");
        ConfigurableApplicationContext first = start(properties);
        ConfigurableApplicationContext second = start(properties);
        Api api = api(first);
        assertThat(api.put("/api/sla/policies/fast", ADMIN, SlaServiceTestBase.policy("24x7", "PT2S", "PT3S")).status()).isEqualTo(201);
        String organizationId = "org-cluster";
        api.put("/api/sla/organizations/" + organizationId + "/policy", ADMIN, Map.of("policyId", "fast"));
        List<String> ticketIds = new ArrayList<>();
        try (TicketEvents events = new TicketEvents(properties.get("spring.kafka.bootstrap-servers").toString(),
                properties.get("helpdesk.topics.tickets").toString())) {
            for (int i = 0; i < 8; i++) {
                String ticketId = TicketEvents.newId();
                ticketIds.add(ticketId);
                events.opened(ticketId, organizationId, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "UTC",
                        TicketType.INCIDENT, Severity.S1, Instant.now());
            }
        }
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM outbox WHERE event_type = 'helpdesk.sla.breached.v1'", Long.class)).isEqualTo(16));

        for (String ticketId : ticketIds) {
            assertThat(outboxCount(jdbc, ticketId, "helpdesk.sla.clock-started.v1")).isEqualTo(2);
            assertThat(outboxCount(jdbc, ticketId, "helpdesk.sla.warning-reached.v1")).isEqualTo(4);
            assertThat(outboxCount(jdbc, ticketId, "helpdesk.sla.breached.v1")).isEqualTo(2);
        }
        assertThat(firedTimers(first) + firedTimers(second)).isEqualTo(8 * 6);
        try (SlaTopic topic = new SlaTopic(properties.get("spring.kafka.bootstrap-servers").toString(),
                properties.get("helpdesk.topics.sla").toString())) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (String ticketId : ticketIds) {
                    Set<String> breachIds = new HashSet<>();
                    topic.of(ticketId, "helpdesk.sla.breached.v1").forEach(event -> breachIds.add(event.get("id").asText()));
                    assertThat(breachIds).hasSize(2);
                }
            });
        }
    }

    @Test
    void aPolicyChangedThroughOneInstanceIsForgottenByTheOther() {
        Map<String, Object> properties = TestInfrastructure.freshProperties("sla_settings");
        ConfigurableApplicationContext first = start(properties);
        ConfigurableApplicationContext second = start(properties);
        assertThat(api(first).put("/api/sla/policies/shared", ADMIN, SlaServiceTestBase.policy("24x7", "PT1H", "PT8H"))
                .status()).isEqualTo(201);
        SettingsCache cache = second.getBean(SettingsCache.class);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(cache.policy("shared").orElseThrow())
                .as("kept in memory once the eviction listener has its partitions")
                .isSameAs(cache.policy("shared").orElseThrow()));
        assertThat(cache.policy("shared").orElseThrow().document().version()).isEqualTo(1);

        assertThat(api(first).put("/api/sla/policies/shared", ADMIN, SlaServiceTestBase.policy("24x7", "PT2H", "PT8H"))
                .status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(cache.policy("shared").orElseThrow()
                .document().version()).isEqualTo(2));
        assertThat(first.getBean(SettingsCache.class).policy("shared").orElseThrow().document().version()).isEqualTo(2);
    }

    @Test
    void aRestartBetweenTheDueTimeAndItsFiringStillFiresOnce() throws Exception {
        Map<String, Object> properties = TestInfrastructure.freshProperties("sla_restart");
        ConfigurableApplicationContext before = start(properties);
        Api api = api(before);
        api.put("/api/sla/policies/restart", ADMIN, SlaServiceTestBase.policy("24x7", "PT8S", "PT1H"));
        api.put("/api/sla/organizations/org-restart/policy", ADMIN, Map.of("policyId", "restart"));
        String ticketId = TicketEvents.newId();
        try (TicketEvents events = new TicketEvents(properties.get("spring.kafka.bootstrap-servers").toString(),
                properties.get("helpdesk.topics.tickets").toString())) {
            events.opened(ticketId, "org-restart", Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "UTC", TicketType.BUG,
                    Severity.S1, Instant.now());
        }
        JdbcTemplate beforeJdbc = before.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxCount(beforeJdbc, ticketId, "helpdesk.sla.clock-started.v1") == 1);
        Instant dueAt = beforeJdbc.queryForObject("SELECT due_at FROM clock WHERE ticket_id = ? AND metric = 'FIRST_RESPONSE'",
                Timestamp.class, ticketId).toInstant();

        before.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(dueAt.plusSeconds(1)));
        assertThat(stateWhileDown(properties, ticketId)).as("nothing fires while no instance runs").isEqualTo("RUNNING");
        ConfigurableApplicationContext after = start(properties);
        JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);

        await().atMost(Duration.ofSeconds(20)).until(() -> outboxCount(jdbc, ticketId, "helpdesk.sla.breached.v1") == 1);
        Map<String, Object> clock = jdbc.queryForMap(
                "SELECT state, due_at, breached_at, next_timer_at FROM clock WHERE ticket_id = ? AND metric = 'FIRST_RESPONSE'", ticketId);
        assertThat(clock.get("state")).isEqualTo("BREACHED");
        assertThat(clock.get("breached_at")).isEqualTo(clock.get("due_at"));
        assertThat(clock.get("next_timer_at")).isNull();
        assertThat(outboxCount(jdbc, ticketId, "helpdesk.sla.warning-reached.v1")).isEqualTo(2);
        assertThat(firedTimers(after)).isGreaterThanOrEqualTo(1);
        Timer lag = after.getBean(MeterRegistry.class).find("helpdesk.sla.timer.lag").timer();
        assertThat(lag.max(java.util.concurrent.TimeUnit.MILLISECONDS)).as("fired late, after the restart").isGreaterThan(1000);
    }
}
