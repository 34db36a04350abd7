package dev.helpdesk.escalations;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.testsupport.TestInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acknowledgement deadlines are rows, not in-memory timers: one that passes while no instance of the service runs
 * fires when an instance starts again.
 */
class TimersSurviveRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @Test
    void aDeadlineThatPassedWhileTheServiceWasDownFiresAfterTheRestart() {
        Map<String, Object> properties = TestInfrastructure.freshProperties("escalations_restart");
        String[] arguments = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toList().toArray(String[]::new);
        String ticket = UUID.randomUUID().toString();
        String org = UUID.randomUUID().toString();
        Instant acknowledgeBy;

        try (ConfigurableApplicationContext before = start(arguments)) {
            ObjectMapper objectMapper = before.getBean(ObjectMapper.class);
            Api api = new Api(objectMapper, Integer.parseInt(before.getEnvironment().getProperty("local.server.port")));
            assertThat(api.put("/api/escalations/ladders/STANDARD", TestTokens.manager("m"), """
                    {"levels": [
                      {"level": 1, "name": "Support services manager", "acknowledgeWithin": "PT8S"},
                      {"level": 2, "name": "Head of support", "acknowledgeWithin": "PT1H"},
                      {"level": 3, "name": "Executive sponsor", "acknowledgeWithin": "PT1H"}]}""").status()).isEqualTo(200);
            try (DeskEvents desk = new DeskEvents(String.valueOf(properties.get("spring.kafka.bootstrap-servers")), objectMapper,
                    String.valueOf(properties.get("helpdesk.topics.tickets")), String.valueOf(properties.get("helpdesk.topics.sla")))) {
                desk.ticketOpened(ticket, org, Plan.STANDARD, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", Severity.S2);
                desk.slaBreached(ticket, org, Severity.S2);
            }
            JdbcTemplate jdbc = before.getBean(JdbcTemplate.class);
            acknowledgeBy = await().atMost(PATIENCE).until(() -> jdbc.query(
                    "SELECT acknowledge_by FROM escalation WHERE ticket_id = ? AND level = 1",
                    (rs, row) -> rs.getTimestamp(1).toInstant(), ticket), found -> !found.isEmpty()).get(0);
        }

        JdbcTemplate whileDown = new JdbcTemplate(new DriverManagerDataSource(
                String.valueOf(properties.get("spring.datasource.url")), String.valueOf(properties.get("spring.datasource.username")),
                String.valueOf(properties.get("spring.datasource.password"))));
        assertThat(firedTimers(whileDown)).as("no instance fired the deadline before stopping").isZero();
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(acknowledgeBy.plusSeconds(1)));
        assertThat(firedTimers(whileDown)).as("nothing fires while no instance runs").isZero();

        try (ConfigurableApplicationContext after = start(arguments)) {
            JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);
            List<String> levels = await().atMost(PATIENCE).until(() -> jdbc.queryForList(
                    "SELECT level || ':' || trigger || ':' || state FROM escalation WHERE ticket_id = ? ORDER BY level",
                    String.class, ticket), found -> found.size() == 2);

            assertThat(levels).containsExactly("1:SLA_BREACH:CLOSED", "2:ACKNOWLEDGEMENT_TIMEOUT:OPEN");
            Timestamp raisedAt = jdbc.queryForObject("SELECT raised_at FROM escalation WHERE ticket_id = ? AND level = 2",
                    Timestamp.class, ticket);
            assertThat(raisedAt.toInstant()).isAfter(acknowledgeBy);
        }
    }

    private static int firedTimers(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM acknowledgement_timer WHERE fired_at IS NOT NULL", Integer.class);
    }

    private static ConfigurableApplicationContext start(String[] arguments) {
        String[] withPort = Stream.concat(Arrays.stream(arguments), Stream.of("--server.port=0", "--management.server.port=0"))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(EscalationServiceApplication.class).run(withPort);
    }
}
