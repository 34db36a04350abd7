package dev.helpdesk.pipeline;

import dev.helpdesk.pipeline.inbound.InboundProperties;
import dev.helpdesk.pipeline.inbound.ProcessedEventRetention;
import dev.helpdesk.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@RealInfrastructure(database = "retention")
class ProcessedEventRetentionTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessedEventRetention retention;

    @Test
    void forgetsTheIdsAppliedBeforeTheRetentionAndKeepsTheRecentOnes() {
        String run = UUID.randomUUID().toString();
        record(run + "-31-days", "31 days");
        record(run + "-30-days-and-a-minute", "30 days 1 minute");
        record(run + "-29-days", "29 days");
        record(run + "-now", "0 seconds");

        int pruned = retention.prune(); // the default retention: 30 days

        assertThat(pruned).isGreaterThanOrEqualTo(2);
        assertThat(kept(run)).containsExactlyInAnyOrder(run + "-29-days", run + "-now");
    }

    @Test
    void prunesOnItsSchedule() {
        String run = UUID.randomUUID().toString();
        record(run + "-two-days", "2 days");
        record(run + "-an-hour", "1 hour");
        ProcessedEventRetention frequent = new ProcessedEventRetention(jdbc, new InboundProperties(3, null, null, null,
                Duration.ofDays(1), Duration.ofMillis(200)));
        frequent.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> kept(run).size() == 1);
            assertThat(kept(run)).containsExactly(run + "-an-hour");
        } finally {
            frequent.stop();
        }
    }

    private void record(String eventId, String age) {
        jdbc.update("INSERT INTO processed_event (event_id, processed_at) VALUES (?, now() - ?::interval)", eventId, age);
    }

    private List<String> kept(String run) {
        return jdbc.queryForList("SELECT event_id FROM processed_event WHERE event_id LIKE ?", String.class, run + "%");
    }
}
