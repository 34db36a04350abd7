package dev.helpdesk.escalations.ladder;

import dev.helpdesk.escalations.domain.Ladder;
import dev.helpdesk.escalations.domain.LadderLevel;
import dev.helpdesk.events.Plan;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.List;

/** The ladders per plan (seeded by Flyway with the defaults of DOMAIN.md). */
@Repository
public class LadderRepository {

    private final JdbcTemplate jdbc;

    public LadderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Ladder find(Plan plan) {
        List<LadderLevel> levels = jdbc.query(
                "SELECT level, name, acknowledge_within, informs_relationship_manager FROM ladder_level WHERE plan = ? ORDER BY level",
                (rs, row) -> new LadderLevel(rs.getInt(1), rs.getString(2), Duration.parse(rs.getString(3)), rs.getBoolean(4)),
                plan.name());
        return Ladder.violationsOf(levels).isEmpty() ? new Ladder(plan, levels) : Ladder.defaults(plan);
    }

    @Transactional
    public void replace(Ladder ladder) {
        jdbc.update("DELETE FROM ladder_level WHERE plan = ?", ladder.plan().name());
        for (LadderLevel level : ladder.levels()) {
            jdbc.update("INSERT INTO ladder_level (plan, level, name, acknowledge_within, informs_relationship_manager) VALUES (?, ?, ?, ?, ?)",
                    ladder.plan().name(), level.level(), level.name(), level.acknowledgeWithin().toString(),
                    level.informsRelationshipManager());
        }
    }
}
