package dev.helpdesk.tickets.config;

import dev.helpdesk.events.Visibility;
import dev.helpdesk.testsupport.TestInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.tickets.TicketServiceApplication;
import dev.helpdesk.tickets.domain.Actor;
import dev.helpdesk.tickets.organization.command.Organization;
import dev.helpdesk.tickets.support.Bodies;
import dev.helpdesk.tickets.support.HttpApi;
import dev.helpdesk.tickets.ticket.command.AddCommentCommand;
import dev.helpdesk.tickets.ticket.command.Ticket;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

/**
 * Issue 15, step 2: two instances of the service on one event store, each caching the aggregates it loads. A write
 * through B after A cached the aggregate neither loses nor corrupts anything: A's next command sees B's event first,
 * and a write of A that races B's between load and append fails on the stream's unique key (409) and drops A's copy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FreshAggregateCacheTwoInstancesTest {

    static final String ADMIN = TestTokens.admin("admin-1");
    static final String AGENT = TestTokens.agent("agent-1");

    private final Map<String, Object> infrastructure = TestInfrastructure.freshProperties("tickets_cache");
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    ConfigurableApplicationContext a;
    HttpApi first;
    HttpApi second;
    JdbcTemplate jdbc;
    String org;
    String contact;

    /** One pair of instances for the class: every test works on an organisation, contact and tickets of its own. */
    @BeforeAll
    void twoInstances() {
        a = start(true);
        first = api(a);
        second = api(start(false));
        jdbc = a.getBean(JdbcTemplate.class);
    }

    @BeforeEach
    void anOrganisationWithAContact() {
        org = first.post("/api/organizations", ADMIN, Bodies.organization("Uni")).json().get("id").asText();
        String user = "contact-" + UUID.randomUUID();
        assertThat(first.post("/api/organizations/" + org + "/contacts", ADMIN, Bodies.contact(user)).status()).isEqualTo(201);
        contact = TestTokens.contact(user, org);
    }

    @AfterAll
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aTicketChangedThroughBIsSeenByAsNextCommand() {
        String ticket = first.post("/api/tickets", contact, Bodies.ticket(org)).json().get("id").asText();
        assertThat(first.post("/api/tickets/" + ticket + "/comments", AGENT,
                Map.of("body", "Fixed, please check", "visibility", "PUBLIC")).status()).isEqualTo(201); // cached on A
        HttpApi.Answer resolved = second.post("/api/tickets/" + ticket + "/status", AGENT,
                Map.of("status", "RESOLVED", "reason", "Fixed", "resolution", "Raised the quiz timeout"));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);

        // A's cached copy still says IN_PROGRESS; from it the contact's reply would neither reopen nor append at the
        // right sequence. Loaded fresh, it reopens the resolved ticket.
        HttpApi.Answer reply = first.post("/api/tickets/" + ticket + "/comments", contact,
                Map.of("body", "Still broken", "visibility", "PUBLIC"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(second.get("/api/tickets/" + ticket, AGENT).json().get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(types(ticket)).containsExactly("TicketOpenedEvent", "CommentAddedEvent", "TicketStatusChangedEvent",
                "TicketStatusChangedEvent", "CommentAddedEvent", "TicketReopenedEvent");
        assertContiguous(ticket);
    }

    @Test
    void aWriteOfARacingBetweenLoadAndAppendFailsOnTheSequenceAndDropsTheCachedCopy() throws Exception {
        String ticket = first.post("/api/tickets", contact, Bodies.ticket(org)).json().get("id").asText();
        assertThat(first.post("/api/tickets/" + ticket + "/comments", AGENT,
                Map.of("body", "Looking", "visibility", "INTERNAL")).status()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        FreshAggregateCache<Ticket> tickets = a.getBean("ticketRepository", FreshAggregateCache.class);

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(asCommandMessage("racing comment"));
        unitOfWork.attachTransaction(a.getBean(TransactionManager.class));
        Aggregate<Ticket> loaded = tickets.load(ticket); // from A's cache, up to date now
        assertThat(loaded.version()).isEqualTo(1L);
        assertThat(second.post("/api/tickets/" + ticket + "/comments", AGENT,
                Map.of("body", "Meanwhile on B", "visibility", "PUBLIC")).status()).isEqualTo(201); // appends 2 (and 3)
        loaded.handle(asCommandMessage(new AddCommentCommand(ticket, UUID.randomUUID().toString(), "Racing on A",
                Visibility.PUBLIC, Actor.staff("agent-2"), Instant.now(), null)));
        assertThatThrownBy(unitOfWork::commit).isInstanceOf(ConcurrencyException.class);

        assertThat(bodies(ticket)).doesNotContain("Racing on A").contains("Looking", "Meanwhile on B");
        assertContiguous(ticket);
        // the next command on A works on the stream as stored
        HttpApi.Answer next = first.post("/api/tickets/" + ticket + "/comments", AGENT,
                Map.of("body", "Again on A", "visibility", "PUBLIC"));
        assertThat(next.status()).as(next.toString()).isEqualTo(201);
        assertThat(bodies(ticket)).containsExactly("Looking", "Meanwhile on B", "Again on A");
        assertContiguous(ticket);
        assertThat(first.get("/api/tickets/" + ticket, AGENT).header("ETag"))
                .isEqualTo("\"" + jdbc.queryForObject("SELECT max(sequence_number) FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ?", Long.class, ticket) + "\"");
    }

    @Test
    void anOrganisationChangedThroughBGovernsTheNextTicketOpenedOnA() {
        assertThat(first.post("/api/tickets", contact, Bodies.ticket(org)).status()).isEqualTo(201); // org cached on A
        LocalDate today = LocalDate.now();
        HttpApi.Answer ended = second.put("/api/organizations/" + org + "/support-period", ADMIN,
                Map.of("start", today.minusYears(2).toString(), "end", today.minusYears(1).toString()));
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);

        HttpApi.Answer refused = first.post("/api/tickets", contact, Bodies.ticket(org));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("reason").asText()).isEqualTo("outside-support-period");
        assertContiguous(org);
    }

    @Test
    void commandsLoadingOneOrganisationAtOnceEachTakeACopyBroughtUpToDate() throws Exception {
        assertThat(first.post("/api/tickets", contact, Bodies.ticket(org)).status()).isEqualTo(201); // org cached on A
        @SuppressWarnings("unchecked")
        FreshAggregateCache<Organization> organizations = a.getBean("organizationRepository", FreshAggregateCache.class);
        assertThat(organizations.copiesOf(org)).isEqualTo(1);
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            // two loads at once: the first takes the cached copy, the second has none left and loads from the store;
            // both go back after their commits
            UnitOfWork<?> held = DefaultUnitOfWork.startAndGet(asCommandMessage("open a ticket"));
            held.attachTransaction(a.getBean(TransactionManager.class));
            organizations.load(org);
            assertThat(organizations.copiesOf(org)).isZero();
            other.submit(() -> loadAndCommit(organizations)).get();
            held.commit();
            assertThat(organizations.copiesOf(org)).isEqualTo(2);

            LocalDate today = LocalDate.now();
            assertThat(second.put("/api/organizations/" + org + "/support-period", ADMIN,
                    Map.of("start", today.minusYears(2).toString(), "end", today.minusYears(1).toString())).status()).isEqualTo(200);
            long stored = jdbc.queryForObject("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                    Long.class, org);

            // again two at once: each takes a copy of its own, and each is brought up to B's change before use
            held = DefaultUnitOfWork.startAndGet(asCommandMessage("open a ticket"));
            held.attachTransaction(a.getBean(TransactionManager.class));
            Aggregate<Organization> mine = organizations.load(org);
            long theirs = other.submit(() -> {
                UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(asCommandMessage("open another ticket"));
                unitOfWork.attachTransaction(a.getBean(TransactionManager.class));
                Aggregate<Organization> loaded = organizations.load(org);
                assertThat(organizations.copiesOf(org)).as("both copies taken").isZero();
                unitOfWork.rollback();
                return loaded.version();
            }).get();
            assertThat(mine.version()).isEqualTo(stored);
            assertThat(theirs).isEqualTo(stored);
            held.rollback();
        } finally {
            other.shutdownNow();
        }
        HttpApi.Answer refused = first.post("/api/tickets", contact, Bodies.ticket(org));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("reason").asText()).isEqualTo("outside-support-period");
    }

    private Long loadAndCommit(FreshAggregateCache<Organization> organizations) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(asCommandMessage("open another ticket"));
        unitOfWork.attachTransaction(a.getBean(TransactionManager.class));
        Long version = organizations.load(org).version();
        unitOfWork.commit();
        return version;
    }

    private List<String> types(String aggregate) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY sequence_number", String.class, aggregate).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private List<String> bodies(String ticket) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'body' FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND payload_type LIKE '%CommentAddedEvent' ORDER BY sequence_number",
                String.class, ticket);
    }

    /** Sequence numbers 0..n, each once. */
    private void assertContiguous(String aggregate) {
        List<Long> sequence = jdbc.queryForList("SELECT sequence_number FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number", Long.class, aggregate);
        for (int i = 0; i < sequence.size(); i++) {
            assertThat(sequence.get(i)).isEqualTo(i);
        }
    }

    private ConfigurableApplicationContext start(boolean publishing) {
        List<String> args = new ArrayList<>();
        infrastructure.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=0");
        args.add("--management.server.port=0");
        args.add("--helpdesk.tickets.publishing.enabled=" + publishing);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TicketServiceApplication.class)
                .run(args.toArray(String[]::new));
        running.add(context);
        return context;
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return new HttpApi(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
