package dev.helpdesk.budgets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.budgets.fixtures.Api;
import dev.helpdesk.budgets.fixtures.BudgetTopicReader;
import dev.helpdesk.budgets.fixtures.TicketTopic;
import dev.helpdesk.budgets.fixtures.TicketTopicCreation;
import dev.helpdesk.events.RateKind;
import dev.helpdesk.events.ticket.TimeEntryLoggedEvent;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.ApiDocumentAssertions;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "helpdesk.budgets.metrics-refresh-interval=200ms")
@RealInfrastructure(database = "budgets")
@AutoConfigureObservability
@DirtiesContext // closed while the broker still runs, so the JVM exits without waiting for Kafka clients
@Import(TicketTopicCreation.class)
class BudgetProjectionTest {

    private static final LocalDate TODAY = LocalDate.now();
    private static final LocalDate START = TODAY.minusDays(60);
    private static final LocalDate END = TODAY.plusDays(300);
    private static final LocalDate WORKED = TODAY.minusDays(10);
    private static final String AGENT = TestTokens.agent("agent-1");

    @Autowired
    TestRestTemplate http;

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Value("${helpdesk.topics.tickets}")
    String ticketsTopic;
    @Value("${helpdesk.topics.budgets}")
    String budgetsTopic;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    TicketTopic tickets;
    Api api;
    String org;

    @BeforeEach
    void setUp() {
        tickets = new TicketTopic(kafka, objectMapper, ticketsTopic);
        api = new Api(http, objectMapper);
        org = UUID.randomUUID().toString();
    }

    /**
     * A contact token of a registered contact: the contact-added record the ticket-service publishes, applied by this
     * service (the edge refuses contacts it does not know).
     */
    private String contact(String userId, String organizationId) {
        tickets.contactAdded(organizationId, userId);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM contact_membership WHERE organization_id = ? AND user_id = ?", Integer.class,
                organizationId, userId) == 1);
        return TestTokens.contact(userId, organizationId);
    }

    /** Ticket ids of this test only: the context (and its database) is shared by the test methods. */
    private String t(String ticket) {
        return ticket + "-" + org.substring(0, 8);
    }

    private JsonNode awaitBudget(String organizationId, String consumed) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            ResponseEntity<String> response = api.get("/api/budgets/" + organizationId, AGENT);
            return response.getStatusCode() == HttpStatus.OK ? api.json(response) : null;
        }, budget -> budget != null && budget.get("consumed").decimalValue().compareTo(new java.math.BigDecimal(consumed)) == 0);
    }

    @Test
    void chargesEntriesAtTheirRateAndUndoesReversalsExactly() {
        tickets.registered(org, "1000.00", "100.00", "150.00", START, END);
        tickets.logged(org, t("T-1"), "e1", "alice", 120, RateKind.STANDARD, WORKED, "upgrade plugin");
        tickets.logged(org, t("T-2"), "e2", "bob", 60, RateKind.CONSULTANCY, WORKED, "data fix");
        tickets.logged(org, t("T-2"), "e3", "bob", 7, RateKind.CONSULTANCY, WORKED, "wrong ticket");
        tickets.reversed(org, t("T-2"), "e3", "bob", 7, RateKind.CONSULTANCY, WORKED);
        tickets.purchased(org, "500.00");

        JsonNode budget = awaitBudget(org, "350.00");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> api.json(api.get("/api/budgets/" + org, AGENT))
                .get("purchased").decimalValue().compareTo(new java.math.BigDecimal("1500")) == 0);
        budget = api.json(api.get("/api/budgets/" + org, AGENT));

        assertThat(budget.get("currency").asText()).isEqualTo("EUR");
        assertThat(budget.get("purchased").decimalValue()).hasToString("1500.00");
        assertThat(budget.get("remaining").decimalValue()).hasToString("1150.00");
        assertThat(budget.get("percentUsed").decimalValue()).hasToString("23.33");
        assertThat(budget.at("/byRate/STANDARD/minutes").asLong()).isEqualTo(120);
        assertThat(budget.at("/byRate/STANDARD/amount").decimalValue()).hasToString("200.00");
        assertThat(budget.at("/byRate/CONSULTANCY/minutes").asLong()).isEqualTo(60);
        assertThat(budget.at("/byRate/CONSULTANCY/amount").decimalValue()).hasToString("150.00");
        assertThat(budget.get("byTicket").toString()).contains("{\"ticketId\":\"" + t("T-1") + "\",\"minutes\":120,\"amount\":200.00}",
                "{\"ticketId\":\"" + t("T-2") + "\",\"minutes\":60,\"amount\":150.00}");
        assertThat(budget.get("byAgent").toString()).contains("{\"agentId\":\"alice\",\"minutes\":120,\"amount\":200.00}",
                "{\"agentId\":\"bob\",\"minutes\":60,\"amount\":150.00}");
        assertThat(api.get("/api/budgets/" + org, AGENT).getBody()).contains("\"consumed\":350.00");
    }

    @Test
    void reportsTheBurndownByMonthAndWeekAndTheTimesheetAsJson() {
        tickets.registered(org, "1000.00", "100.00", "150.00", START, END);
        tickets.logged(org, t("T-1"), "e1", "alice", 60, RateKind.STANDARD, START.plusDays(1), "first");
        tickets.logged(org, t("T-1"), "e2", "alice", 60, RateKind.CONSULTANCY, WORKED, "second");
        tickets.reversed(org, t("T-1"), "e2", "alice", 60, RateKind.CONSULTANCY, WORKED);
        awaitBudget(org, "100.00");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                api.json(api.get("/api/budgets/" + org + "/entries", AGENT)).get("totalItems").asInt() == 3);

        JsonNode months = api.json(api.get("/api/budgets/" + org + "/burndown?interval=MONTH", AGENT));
        assertThat(months.at("/points/0/periodStart").asText()).isEqualTo(START.toString());
        assertThat(months.at("/points/0/consumed").decimalValue()).hasToString("100.00");
        assertThat(months.at("/points/0/remaining").decimalValue()).hasToString("900.00");
        JsonNode last = months.get("points").get(months.get("points").size() - 1);
        assertThat(last.get("remaining").decimalValue()).hasToString("900.00");
        JsonNode weeks = api.json(api.get("/api/budgets/" + org + "/burndown?interval=WEEK", AGENT));
        assertThat(weeks.get("points").size()).isBetween(51, 54);
        assertThat(api.get("/api/budgets/" + org + "/burndown?interval=DAY", AGENT).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        JsonNode sheet = api.json(api.get("/api/budgets/" + org + "/entries?from=" + START + "&to=" + TODAY, AGENT));
        assertThat(sheet.get("totalMinutes").asLong()).isEqualTo(60);
        assertThat(sheet.get("totalAmount").decimalValue()).hasToString("100.00");
        assertThat(sheet.at("/items/0/entryId").asText()).isEqualTo("e1");
        assertThat(sheet.at("/items/2/kind").asText()).isEqualTo("REVERSED");
        assertThat(sheet.at("/items/2/amount").decimalValue()).hasToString("-150.00");
        assertThat(api.get("/api/budgets/" + org + "/entries?from=" + TODAY + "&to=" + START, AGENT).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> tooLarge = api.get("/api/budgets/" + org + "/entries?size=201", AGENT);
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.json(tooLarge).get("type").asText()).isEqualTo("https://helpdesk.dev/problems/invalid-request");
        assertThat(api.json(tooLarge).at("/errors/0/field").asText()).isEqualTo("size");
    }

    @Test
    void pricesTimeEntriesThatArriveBeforeTheirOrganisationsTerms() {
        tickets.logged(org, t("T-1"), "e1", "alice", 90, RateKind.CONSULTANCY, WORKED, "early");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from ledger_line where organization_id = ?", Integer.class, org) == 1);
        assertThat(api.get("/api/budgets/" + org, AGENT).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        tickets.registered(org, "1000.00", "100.00", "150.00", START, END);

        JsonNode budget = awaitBudget(org, "225.00");
        assertThat(budget.get("remaining").decimalValue()).hasToString("775.00");
    }

    @Test
    void countsEntriesOnceTheSupportPeriodIsExtendedToTheirWorkDate() {
        tickets.registered(org, "1000.00", "100.00", "150.00", START, WORKED.minusDays(1));
        tickets.logged(org, t("T-1"), "e1", "alice", 60, RateKind.STANDARD, WORKED, "after the period");
        tickets.logged(org, t("T-1"), "e2", "alice", 30, RateKind.STANDARD, START, "inside");
        awaitBudget(org, "50.00");

        tickets.periodChanged(org, START, END);

        JsonNode budget = awaitBudget(org, "150.00");
        assertThat(budget.at("/period/end").asText()).isEqualTo(END.toString());
        assertThat(budget.get("periods").size()).isEqualTo(1);
        assertThat(budget.get("purchased").decimalValue()).hasToString("1000.00");
    }

    @Test
    void raisesEachThresholdOnceAlsoWhenRecordsArriveTwiceAndAfterAReversal() {
        List<TicketTopic.Sent> sent = new ArrayList<>();
        sent.add(tickets.registered(org, "1000.00", "100.00", "100.00", START, END));
        sent.add(tickets.logged(org, t("T-1"), "e1", "alice", 300, RateKind.STANDARD, WORKED, "500 worth"));
        sent.forEach(tickets::resend);
        awaitBudget(org, "500.00");
        TicketTopic.Sent toReverse = tickets.logged(org, t("T-2"), "e2", "bob", 210, RateKind.STANDARD, WORKED, "350 worth");
        tickets.resend(toReverse);
        awaitBudget(org, "850.00");
        tickets.reversed(org, t("T-2"), "e2", "bob", 210, RateKind.STANDARD, WORKED);
        awaitBudget(org, "500.00");
        tickets.logged(org, t("T-3"), "e3", "carol", 240, RateKind.STANDARD, WORKED, "back over 80");
        awaitBudget(org, "900.00");
        TicketTopic.Sent overrun = tickets.logged(org, t("T-3"), "e4", "carol", 120, RateKind.STANDARD, WORKED, "overrun");
        tickets.resend(overrun);
        JsonNode budget = awaitBudget(org, "1100.00");
        assertThat(budget.get("remaining").decimalValue()).hasToString("-100.00");

        try (BudgetTopicReader reader = new BudgetTopicReader(bootstrapServers, budgetsTopic, objectMapper)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.envelopesOf(org).size() >= 3);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> reader.envelopesOf(org).size() == 3);
            List<JsonNode> events = reader.envelopesOf(org);
            assertThat(events).extracting(e -> e.at("/data/threshold").asInt()).containsExactly(50, 80, 100);
            JsonNode first = events.get(0);
            assertThat(first.get("type").asText()).isEqualTo("helpdesk.budget.threshold-crossed.v1");
            assertThat(first.get("source").asText()).isEqualTo("/budget-service");
            assertThat(first.get("subject").asText()).isEqualTo(org);
            assertThat(first.at("/data/purchased").decimalValue()).hasToString("1000.00");
            assertThat(first.at("/data/consumed").decimalValue()).hasToString("500.00");
            assertThat(first.at("/data/periodStart").asText()).isEqualTo(START.toString());
            assertThat(first.at("/data/currency").asText()).isEqualTo("EUR");
        }
        assertThat(api.json(api.get("/api/budgets/" + org, AGENT)).get("thresholdsCrossed").toString()).isEqualTo("[50,80,100]");
    }

    /**
     * Thresholds are judged from running totals (consumption_total), moved by each new line without reading the
     * ledger again: a total tampered with here stays off by the same amount while entries arrive, which shows the
     * ledger is not re-read, and is computed afresh from the ledger by each fact that re-prices lines.
     */
    @Test
    void movesRunningTotalsWithoutReadingTheLedgerAndComputesThemAgainAfterRepricingFacts() {
        tickets.registered(org, "1000.00", "100.00", "100.00", START, END);
        tickets.logged(org, t("T-1"), "e1", "alice", 60, RateKind.STANDARD, WORKED, "100 worth");
        awaitBudget(org, "100.00");
        awaitTotal("100.00");

        jdbc.update("update consumption_total set consumed = consumed + 1000 where organization_id = ?", org);
        tickets.logged(org, t("T-1"), "e2", "alice", 30, RateKind.STANDARD, WORKED, "50 worth");
        awaitBudget(org, "150.00");
        awaitTotal("1150.00");

        tickets.periodChanged(org, START, END);
        awaitTotal("150.00");

        // A reversal that arrives before its entry is priced without the entry's facts: the entry makes the
        // organisation's totals computed again.
        jdbc.update("update consumption_total set consumed = consumed + 1000 where organization_id = ?", org);
        tickets.reversed(org, t("T-9"), "e9", "bob", 90, RateKind.STANDARD, WORKED);
        awaitTotal("1000.00");
        tickets.logged(org, t("T-9"), "e9", "bob", 90, RateKind.STANDARD, WORKED, "reversed before it arrived");
        awaitTotal("150.00");
        assertThat(api.json(api.get("/api/budgets/" + org, AGENT)).get("consumed").decimalValue()).hasToString("150.00");
    }

    private void awaitTotal(String consumed) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select consumed from consumption_total where organization_id = ?", java.math.BigDecimal.class, org))
                .singleElement().satisfies(total -> assertThat(total).isEqualByComparingTo(consumed)));
    }

    @Test
    void twoInstancesShareThePartitionsAndStillRaiseEachThresholdOnce() {
        Map<String, Object> sameInfrastructure = new java.util.HashMap<>();
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.kafka.bootstrap-servers", "helpdesk.topics.tickets", "helpdesk.topics.budgets",
                "helpdesk.topics.sla", "helpdesk.topics.escalations", "helpdesk.security.jwt-secret")) {
            String value = environment.getProperty(key);
            if (value != null) {
                sameInfrastructure.put(key, value);
            }
        }
        sameInfrastructure.put("server.port", "0");
        sameInfrastructure.put("management.server.port", "0");
        // As command-line arguments: they win over application.yml (builder properties would only be defaults).
        String[] arguments = sameInfrastructure.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(BudgetServiceApplication.class)
                .run(arguments)) {
            KafkaListenerEndpointRegistry secondListeners = second.getBean(KafkaListenerEndpointRegistry.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> !assigned(listeners).isEmpty()
                    && !assigned(secondListeners).isEmpty());
            tickets.registered(org, "1000.00", "100.00", "100.00", START, END);
            for (int i = 0; i < 24; i++) {          // 24 x 50.00 on 24 tickets, spread over both instances
                tickets.logged(org, t("T-" + i), "e" + i, "agent-" + (i % 4), 30, RateKind.STANDARD, WORKED, "part " + i);
            }

            JsonNode budget = awaitBudget(org, "1200.00");
            assertThat(budget.get("thresholdsCrossed").toString()).isEqualTo("[50,80,100]");
            try (BudgetTopicReader reader = new BudgetTopicReader(bootstrapServers, budgetsTopic, objectMapper)) {
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
                        .until(() -> reader.envelopesOf(org).size() == 3);
                assertThat(reader.envelopesOf(org)).extracting(e -> e.at("/data/threshold").asInt())
                        .containsExactly(50, 80, 100);
            }
        }
    }

    private static java.util.Collection<org.apache.kafka.common.TopicPartition> assigned(KafkaListenerEndpointRegistry registry) {
        var container = registry.getListenerContainer("budget-service");
        var partitions = container == null ? null : container.getAssignedPartitions();
        return partitions == null ? List.of() : partitions;
    }

    @Test
    void exportsTheTimesheetAsCsvThatASpreadsheetOpens() {
        tickets.registered(org, "1000.00", "100.00", "150.00", START, END);
        tickets.logged(org, t("T-1"), "e1", "alice", 30, RateKind.STANDARD, WORKED, "said \"hello\", then\nleft");
        tickets.logged(org, t("T-1"), "e2", "alice", 15, RateKind.CONSULTANCY, WORKED, "=HYPERLINK(\"http://evil\")");
        awaitBudget(org, "87.50");

        ResponseEntity<String> response = api.get("/api/budgets/" + org + "/entries", AGENT, MediaType.parseMediaType("text/csv"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        assertThat(response.getHeaders().getContentDisposition().getFilename()).endsWith(".csv");
        List<List<String>> rows = Rfc4180.parse(response.getBody());
        assertThat(rows.get(0)).containsExactly("entryId", "kind", "workDate", "ticketId", "agentId", "rate",
                "hourlyRate", "minutes", "amount", "currency", "note", "recordedAt", "activity", "startedAt", "outOfHours");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).subList(0, 11)).containsExactly("e1", "LOGGED", WORKED.toString(), t("T-1"), "alice",
                "STANDARD", "100.00", "30", "50.00", "EUR", "said \"hello\", then\nleft");
        assertThat(rows.get(2).get(10)).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(rows.get(2).get(8)).isEqualTo("37.50");
    }

    @Test
    void contactsReadOnlTheirOwnOrganisationAndOthersLookUnknown() {
        String other = UUID.randomUUID().toString();
        tickets.registered(org, "1000.00", "100.00", "150.00", START, END);
        tickets.registered(other, "2000.00", "100.00", "150.00", START, END);
        tickets.logged(other, t("T-9"), "e9", "alice", 60, RateKind.STANDARD, WORKED, "other's work");
        awaitBudget(other, "100.00");
        String contact = contact("contact-1", org);

        assertThat(api.get("/api/budgets/" + org, contact).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> foreign = api.get("/api/budgets/" + other, contact);
        ResponseEntity<String> unknown = api.get("/api/budgets/" + UUID.randomUUID(), AGENT);
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(foreign.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(foreign.getBody()).doesNotContain("100.00", "other's work");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get("/api/budgets/" + other + "/entries", contact, MediaType.parseMediaType("text/csv")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get("/api/budgets/" + other + "/burndown", contact).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        for (String reader : List.of(AGENT, TestTokens.manager("m"), TestTokens.analyst("a"), TestTokens.admin("x"))) {
            assertThat(api.get("/api/budgets/" + other, reader).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        assertThat(api.get("/api/budgets/" + org, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(foreign.getHeaders().getFirst("X-Correlation-Id")).isNotBlank();
        ResponseEntity<String> homeless = api.get("/api/budgets/" + org, TestTokens.contact("contact-9", null));
        assertThat(homeless.getStatusCode()).as("a contact without organisation is refused").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.json(homeless).get("type").asText()).isEqualTo("https://helpdesk.dev/problems/forbidden");
    }

    @Test
    void publishesItsOpenApiDocumentWithBearerSecurityAndTheProblemResponsesOfEveryOperation() throws Exception {
        ResponseEntity<String> docs = api.get("/v3/api-docs", null);
        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody()).contains("/api/budgets/{organizationId}/entries", "/api/admin/budgets/replays");
        JsonNode document = ApiDocumentAssertions.assertServesTheEdgeDocument(port);
        assertThat(document.at("/paths/~1api~1budgets~1{organizationId}~1entries/get/parameters").findValuesAsText("name"))
                .contains("page", "size").doesNotContain("caller", "paging");
    }

    @Test
    void onlyAdminsAndAnalystsStartOrReadRebuilds() {
        String body = "{\"projection\":\"budgets\"}";
        for (String token : List.of(AGENT, TestTokens.manager("m"), contact("c", org))) {
            ResponseEntity<String> response = api.post("/api/admin/budgets/replays", token, body);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(api.get("/api/admin/budgets/replays/" + UUID.randomUUID(), token).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(api.post("/api/admin/budgets/replays", TestTokens.admin("x"), "{\"projection\":\"tickets\"}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.get("/api/admin/budgets/replays/" + UUID.randomUUID(), TestTokens.admin("x")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get("/api/admin/budgets/replays/" + UUID.randomUUID(), TestTokens.analyst("a")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    /**
     * One poll of good records around poison ones, all on one ticket's partition: the good ones are applied, each
     * poison one is set aside with its reason, an unknown type is skipped, and the partition is not stuck. The
     * listener is stopped while they are sent (a paused consumer may still receive the first of them alone, from a
     * fetch that was waiting at the broker), so its next consumer reads them with one fetch.
     */
    @Test
    void setsPoisonRecordsAsideWithTheirReasonAndKeepsConsumingThePartition() throws Exception {
        tickets.registered(org, "1000.00", "100.00", "150.00", START, END);
        awaitBudget(org, "0.00");
        String ticket = t("T-poison");
        MessageListenerContainer listener = listeners.getListenerContainer("budget-service");
        listener.stop();

        tickets.logged(org, ticket, "good-1", "alice", 60, RateKind.STANDARD, WORKED, "before");          // 100.00
        tickets.sendRaw(ticket, "this is not json");
        TicketTopic.Sent nul = tickets.logged(org, ticket, "nul", "alice", 60, RateKind.STANDARD, WORKED,
                "a NUL \u0000 PostgreSQL refuses");
        TicketTopic.Sent lacking = tickets.send(ticket, "Ticket", new TimeEntryLoggedEvent(ticket, org, null, "alice",
                60, RateKind.STANDARD, WORKED, "no entry id", Instant.now()));
        TicketTopic.Sent negative = tickets.logged(org, ticket, "negative", "alice", -5, RateKind.STANDARD, WORKED, "");
        tickets.sendRaw(ticket, "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"helpdesk.ticket.something-new.v7\",\"data\":{}}");
        tickets.logged(org, ticket, "good-2", "bob", 30, RateKind.CONSULTANCY, WORKED, "after");          // 75.00
        listener.start();

        awaitBudget(org, "175.00");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from dead_letter where topic = ? and record_key = ?", Integer.class, ticketsTopic, ticket) == 4);
        Map<String, Map<String, Object>> letters = new java.util.HashMap<>();
        jdbc.queryForList("select * from dead_letter where topic = ? and record_key = ?", ticketsTopic, ticket)
                .forEach(letter -> letters.put(letter.get("event_id") == null ? "not json" : (String) letter.get("event_id"), letter));
        assertThat(letters.get("not json")).containsEntry("reason", "value is not JSON")
                .containsEntry("record_value", "this is not json");
        assertThat((String) letters.get(eventId(nul)).get("reason")).contains("0x00");
        assertThat(letters.get(eventId(nul))).containsEntry("attempts", 3)
                .containsEntry("event_type", "helpdesk.ticket.time-entry-logged.v1");
        assertThat(letters.get(eventId(lacking)))
                .containsEntry("reason", "helpdesk.ticket.time-entry-logged.v1 lacks data.entryId");
        assertThat(letters.get(eventId(negative))).containsEntry("reason", "minutes must be between 1 and 100000");
        assertThat(letters.values()).extracting(letter -> letter.get("partition_no")).containsOnly(
                letters.get("not json").get("partition_no"));
        assertThat(jdbc.queryForList("select entry_id from ledger_line where ticket_id = ? order by entry_id",
                String.class, ticket)).containsExactly("good-1", "good-2");

        tickets.logged(org, ticket, "good-3", "alice", 60, RateKind.STANDARD, WORKED, "later");           // 100.00
        awaitBudget(org, "275.00");
        assertThat(metrics())
                .containsPattern("helpdesk_dead_letters_total\\{[^}]*topic=\"" + java.util.regex.Pattern.quote(ticketsTopic) + "\"[^}]*} [1-9]");
    }

    private String eventId(TicketTopic.Sent sent) throws com.fasterxml.jackson.core.JsonProcessingException {
        return objectMapper.readTree(sent.value()).get("id").asText();
    }

    @Test
    void publishesBudgetMetricsOnlyOnTheManagementPortAndNoOrganisationInThem() {
        tickets.registered(org, "1000.00", "100.00", "150.00", START, END);
        tickets.logged(org, t("T-1"), "e1", "alice", 240, RateKind.CONSULTANCY, WORKED, "metric");
        awaitBudget(org, "600.00");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metrics())
                .containsPattern("helpdesk_budget_consumed_currency\\{[^}]*currency=\"EUR\"[^}]*rate=\"CONSULTANCY\"[^}]*} [1-9]")
                .containsPattern("helpdesk_budget_organizations_reached\\{[^}]*threshold=\"50\"[^}]*} [1-9]")
                .containsPattern("helpdesk_budget_organizations_reached\\{[^}]*threshold=\"100\"[^}]*} [0-9]")
                .containsPattern("helpdesk_budget_organizations_active(\\{[^}]*})? [1-9]"));
        String metrics = metrics();
        assertThat(metrics).contains("helpdesk_budget_rebuild_events_read").doesNotContain("helpdesk_budget_percent_used");
        // the service's own meters (http_client_requests here are this test's client, registered in the same JVM)
        assertThat(metrics.lines().filter(line -> !line.startsWith("http_client_requests")))
                .noneMatch(line -> line.contains(org) || line.contains("organization="));

        // an attacker who reaches the service's own port finds no metrics there, with or without a token
        assertThat(api.get("/actuator/prometheus", null, MediaType.TEXT_PLAIN).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get("/actuator/prometheus", TestTokens.admin("a"), MediaType.TEXT_PLAIN).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private String metrics() {
        ResponseEntity<String> response = api.get("http://localhost:" + managementPort + "/actuator/prometheus", null,
                MediaType.TEXT_PLAIN);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }
}
