package dev.helpdesk.gateway;

import dev.helpdesk.gateway.limits.CallerBuckets;
import dev.helpdesk.testsupport.TestPostgres;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19, shared limits: two gateway instances on one real PostgreSQL database (the gateway's own, migrated by
 * each at start-up), requests alternating between them; the callers' limits hold in total, not per instance.
 * Small buckets (20 for a user, 10 per address without a token) refilled by one request a second, so that the
 * limit is far below what two instances counting apart would allow (40 and 20).
 */
class SharedRateLimitTest {

    private static final int USER_CAPACITY = 20;
    private static final int ANONYMOUS_CAPACITY = 10;

    private static final StandIns services = new StandIns();
    private static final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    private static String databaseUrl;

    @BeforeAll
    static void startTwoGatewaysOnOneDatabase() {
        TestPostgres postgres = TestPostgres.get();
        databaseUrl = postgres.createDatabase("gateway");
        for (int i = 0; i < 2; i++) {
            gateways.add(new SpringApplicationBuilder(GatewayApplication.class).run(
                    "--server.port=0", "--management.server.port=0",
                    "--helpdesk.security.jwt-secret=" + TestTokens.SECRET,
                    "--helpdesk.gateway.database.url=" + databaseUrl,
                    "--helpdesk.gateway.database.username=" + postgres.username(),
                    "--helpdesk.gateway.database.password=" + (postgres.password() == null ? "" : postgres.password()),
                    "--helpdesk.gateway.rate-limit.capacity=" + USER_CAPACITY,
                    "--helpdesk.gateway.rate-limit.refill-per-second=1",
                    "--helpdesk.gateway.rate-limit.anonymous-capacity=" + ANONYMOUS_CAPACITY,
                    "--helpdesk.gateway.rate-limit.anonymous-refill-per-second=1",
                    // a first take on a loaded build machine may be slow: the test is about sharing, not timeouts
                    "--helpdesk.gateway.rate-limit.store-timeout=5s",
                    "--helpdesk.gateway.services.tickets.url=" + services.tickets.url(),
                    "--helpdesk.gateway.services.sla.url=" + services.sla.url(),
                    "--helpdesk.gateway.services.escalations.url=" + services.escalations.url(),
                    "--helpdesk.gateway.services.budgets.url=" + services.budgets.url()));
        }
    }

    @AfterAll
    static void stop() {
        gateways.forEach(ConfigurableApplicationContext::close);
        services.close();
    }

    @Test
    void bothInstancesCountInTheSameBuckets() {
        assertThat(gateways).allSatisfy(gateway -> assertThat(gateway.getBean(CallerBuckets.class).isShared()).isTrue());
    }

    @Test
    void aSignedInUsersLimitHoldsAcrossBothInstances() {
        String token = "Bearer " + TestTokens.agent("agent-shared-limit");
        long started = System.nanoTime();
        int allowed = alternate(60, request -> request.header(HttpHeaders.AUTHORIZATION, token));
        long elapsedSeconds = (System.nanoTime() - started) / 1_000_000_000L + 1;

        // at least the bucket; at most the bucket plus what one request a second refilled meanwhile
        assertThat(allowed).isBetween(USER_CAPACITY, USER_CAPACITY + (int) elapsedSeconds);
        assertThat(allowed).isLessThan(2 * USER_CAPACITY);
    }

    @Test
    void theLimitPerAddressWithoutATokenHoldsAcrossBothInstances() throws Exception {
        long started = System.nanoTime();
        int allowed = alternate(40, request -> request);
        long elapsedSeconds = (System.nanoTime() - started) / 1_000_000_000L + 1;

        assertThat(allowed).isBetween(ANONYMOUS_CAPACITY, ANONYMOUS_CAPACITY + (int) elapsedSeconds);
        assertThat(allowed).isLessThan(2 * ANONYMOUS_CAPACITY);
        assertThat(bucketRows()).contains("address:127.0.0.1");
    }

    /** Sends {@code requests} requests, even ones to the first instance and odd ones to the second; counts the non-429s. */
    private static int alternate(int requests,
                                 java.util.function.UnaryOperator<WebTestClient.RequestHeadersSpec<?>> caller) {
        List<WebTestClient> clients = gateways.stream()
                .map(gateway -> GatewayClients.to(((WebServerApplicationContext) gateway).getWebServer().getPort()))
                .toList();
        int allowed = 0;
        for (int i = 0; i < requests; i++) {
            int status = caller.apply(clients.get(i % 2).get().uri("/api/tickets")).exchange()
                    .returnResult(String.class).getStatus().value();
            if (status != 429) {
                allowed++;
            }
        }
        return allowed;
    }

    private static List<String> bucketRows() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = TestPostgres.get().connect(databaseUrl);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM rate_limit_bucket")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
