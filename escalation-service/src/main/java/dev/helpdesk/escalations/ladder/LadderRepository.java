package dev.helpdesk.escalations.ladder;

import dev.helpdesk.edge.version.IfMatch;
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

    /** The version of a plan's ladder, raised by every replacement (its ETag). */
    public long version(Plan plan) {
        Long version = jdbc.queryForObject("SELECT version FROM ladder WHERE plan = ?", Long.class, plan.name());
        return version == null ? 0 : version;
    }

    /** Replaces a plan's ladder if {@code ifMatch} (may be null) names its current version; returns the new version. */
    @Transactional
    public long replace(Ladder ladder, String ifMatch) {
        Long current = jdbc.queryForObject("SELECT version FROM ladder WHERE plan = ? FOR UPDATE", Long.class, ladder.plan().name());
        IfMatch.parse(ifMatch).require(current == null ? 0 : current, "The ladder of " + ladder.plan());
        jdbc.update("DELETE FROM ladder_level WHERE plan = ?", ladder.plan().name());
        for (LadderLevel level : ladder.levels()) {
            jdbc.update("INSERT INTO ladder_level (plan, level, name, acknowledge_within, informs_relationship_manager) VALUES (?, ?, ?, ?, ?)",
                    ladder.plan().name(), level.level(), level.name(), level.acknowledgeWithin().toString(),
                    level.informsRelationshipManager());
        }
        return jdbc.queryForObject("UPDATE ladder SET version = version + 1 WHERE plan = ? RETURNING version", Long.class,
                ladder.plan().name());
    }
}
