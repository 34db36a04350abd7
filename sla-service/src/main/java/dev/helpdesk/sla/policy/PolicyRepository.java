package dev.helpdesk.sla.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.sla.settings.SettingsChanges;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class PolicyRepository {

    static final TypeReference<Map<String, TargetDocument>> TARGETS = new TypeReference<>() {
    };
    private static final TypeReference<List<Integer>> THRESHOLDS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> TYPES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final SettingsChanges changes;

    public PolicyRepository(JdbcTemplate jdbc, ObjectMapper json, SettingsChanges changes) {
        this.jdbc = jdbc;
        this.json = json;
        this.changes = changes;
    }

    public Optional<PolicyDocument> find(String id) {
        return jdbc.query("SELECT * FROM policy WHERE id = ?", this::map, id).stream().findFirst();
    }

    public List<PolicyDocument> findAll() {
        return jdbc.query("SELECT * FROM policy ORDER BY id", this::map);
    }

    public boolean exists(String id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM policy WHERE id = ?)", Boolean.class, id));
    }

    /**
     * Creates or replaces a policy; a changed one gets the next version (tickets keep the one they had), and every
     * instance is told to forget its copy.
     */
    @Transactional
    public PolicyDocument save(PolicyDocument policy) {
        List<Long> changed = jdbc.queryForList("""
                INSERT INTO policy (id, name, calendar_id, warning_thresholds, targets, types_without_targets)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, calendar_id = excluded.calendar_id,
                    warning_thresholds = excluded.warning_thresholds, targets = excluded.targets,
                    types_without_targets = excluded.types_without_targets,
                    version = policy.version + 1, updated_at = now()
                WHERE (policy.name, policy.calendar_id, policy.warning_thresholds, policy.targets,
                       policy.types_without_targets)
                      IS DISTINCT FROM (excluded.name, excluded.calendar_id, excluded.warning_thresholds,
                                        excluded.targets, excluded.types_without_targets)
                RETURNING version""", Long.class,
                policy.id(), policy.name(), policy.calendarId(), write(policy.warningThresholds()), write(policy.targets()),
                write(policy.typesWithoutTargets() == null ? List.of() : policy.typesWithoutTargets()));
        if (changed.isEmpty()) {
            return find(policy.id()).orElseThrow();
        }
        changes.policyChanged(policy.id(), changed.get(0));
        return policy.with(policy.id(), changed.get(0));
    }

    private PolicyDocument map(ResultSet row, int index) throws SQLException {
        try {
            return new PolicyDocument(row.getString("id"), row.getString("name"), row.getString("calendar_id"),
                    json.readValue(row.getString("warning_thresholds"), THRESHOLDS),
                    json.readValue(row.getString("targets"), TARGETS),
                    json.readValue(row.getString("types_without_targets"), TYPES), row.getLong("version"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy " + row.getString("id") + " is unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
