package dev.helpdesk.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's own PostgreSQL database ({@code helpdesk.gateway.database.*}), where the request buckets shared by
 * every gateway instance live. No {@code url}: no database, and each instance counts in its own memory.
 */
@ConfigurationProperties("helpdesk.gateway.database")
public record GatewayDatabaseSettings(@DefaultValue("") String url, @DefaultValue("postgres") String username,
                                      @DefaultValue("") String password, @DefaultValue("4") int poolSize) {

    public GatewayDatabaseSettings {
        if (url != null && !url.isBlank() && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("helpdesk.gateway.database.url must be a jdbc:postgresql: URL");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("helpdesk.gateway.database.pool-size must be at least 1");
        }
    }

    public boolean configured() {
        return url != null && !url.isBlank();
    }
}
