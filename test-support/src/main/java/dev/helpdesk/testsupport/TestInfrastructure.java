package dev.helpdesk.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The Spring properties that point a service at the real test servers. Use {@link #freshProperties(String)} to
 * start a second instance of a service by hand on the same database and topics as another one (pass the same map).
 */
public final class TestInfrastructure {

    private TestInfrastructure() {
    }

    /** Properties for a new database (named after {@code databasePrefix}) and new, unique topic names. */
    public static Map<String, Object> freshProperties(String databasePrefix) {
        TestPostgres postgres = TestPostgres.get();
        String url = postgres.createDatabase(databasePrefix);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url);
        if (postgres.username() != null) {
            properties.put("spring.datasource.username", postgres.username());
            properties.put("spring.datasource.password", postgres.password() == null ? "" : postgres.password());
        }
        properties.put("spring.kafka.bootstrap-servers", TestKafka.get().bootstrapServers());
        properties.put("helpdesk.topics.tickets", "helpdesk.tickets.v1." + suffix);
        properties.put("helpdesk.topics.sla", "helpdesk.sla.v1." + suffix);
        properties.put("helpdesk.topics.escalations", "helpdesk.escalations.v1." + suffix);
        properties.put("helpdesk.topics.budgets", "helpdesk.budgets.v1." + suffix);
        properties.put("helpdesk.security.jwt-secret", TestTokens.SECRET);
        properties.put("helpdesk.security.issuer", TestTokens.ISSUER);
        properties.put("helpdesk.security.audience", TestTokens.AUDIENCE);
        return properties;
    }
}
