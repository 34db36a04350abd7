package dev.helpdesk.tickets.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.testsupport.ApiDocumentAssertions;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.tickets.support.Bodies;
import dev.helpdesk.tickets.support.Contacts;
import dev.helpdesk.tickets.support.HttpApi;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 22, point 1: search, filters, sorts and cursors of {@code GET /api/tickets}, through HTTP on real PostgreSQL and Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "tickets")
class TicketSearchApiTest {

    static final String ADMIN = TestTokens.admin("admin-1");
    static final String AGENT = TestTokens.agent("agent-1");
    static final String ANALYST = TestTokens.analyst("analyst-1");

    @LocalServerPort
    int port;
    @Value("${helpdesk.topics.sla}")
    String slaTopic;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;
    @Autowired
    JdbcTemplate jdbc;

    HttpApi api;
    String org;
    String contactUser;
    String contact;

    @BeforeEach
    void organisationWithAContact() {
        api = new HttpApi(port);
        org = organisation();
        contactUser = "contact-" + UUID.randomUUID();
        contact = Contacts.add(api, org, contactUser);
    }

    @Test
    void findsWordsOfTitleDescriptionAndPublicCommentsWithEnglishStemsAndExactWords() {
        String word = word();
        String inTitle = open(contact, org, Map.of("title", "Gradebook " + word + " export fails"));
        String inDescription = open(contact, org, Map.of("description", "The " + word + " plugin breaks the spreadsheets."));
        String inComment = open(contact, org, Map.of());
        comment(inComment, AGENT, "PUBLIC", "Reproduced with " + word + " on staging");
        open(contact, org, Map.of());

        assertThat(ids(search(AGENT, "q=" + word))).containsExactlyInAnyOrder(inTitle, inDescription, inComment);
        assertThat(ids(search(contact, "q=" + word))).containsExactlyInAnyOrder(inTitle, inDescription, inComment);
        assertThat(ids(search(AGENT, "q=" + enc(word + " spreadsheet")))).as("stemmed: spreadsheet finds spreadsheets; "
                + "words are ANDed")
                .containsExactly(inDescription);
        assertThat(ids(search(AGENT, "q=" + enc("\"" + word + " export\"")))).as("a phrase").containsExactly(inTitle);
        assertThat(ids(search(AGENT, "q=" + enc(word + " -staging")))).as("an excluded word")
                .containsExactlyInAnyOrder(inTitle, inDescription);
        assertThat(ids(search(AGENT, "q=" + enc("Prüfungsergebnisse " + word)))).as("nothing has the German word").isEmpty();
        comment(inTitle, contact, "PUBLIC", "Die Prüfungsergebnisse fehlen");
        assertThat(ids(search(AGENT, "q=" + enc("prüfungsergebnisse " + word)))).as("other languages match word for word")
                .containsExactly(inTitle);
    }

    @Test
    void internalNotesAreNeverSearchedNeitherByContactsNorByStaff() {
        String word = word();
        String ticket = open(contact, org, Map.of());
        comment(ticket, AGENT, "INTERNAL", "Customer's " + word + " password is in the vault");
        assertThat(search(contact, "q=" + word).get("totalItems").asLong()).isZero();
        assertThat(search(AGENT, "q=" + word).get("totalItems").asLong()).isZero();
        comment(ticket, AGENT, "PUBLIC", "About " + word + ": please check");
        assertThat(ids(search(contact, "q=" + word))).containsExactly(ticket);
        assertThat(search(contact, "q=" + word).at("/items/0/version").asLong())
                .as("the contact's version: opening, status change, public reply").isEqualTo(2);
        assertThat(search(AGENT, "q=" + word).at("/items/0/version").asLong()).as("staff count the note").isEqualTo(3);
    }

    @Test
    void contactsSearchOnlyTheirOwnOrganisationWhateverTheyAskFor() {
        String word = word();
        String mine = open(contact, org, Map.of("title", "Ours " + word));
        String otherOrg = organisation();
        String stranger = Contacts.add(api, otherOrg, "stranger-" + UUID.randomUUID());
        String theirs = open(stranger, otherOrg, Map.of("title", "Theirs " + word));

        assertThat(ids(search(contact, "q=" + word))).containsExactly(mine);
        assertThat(ids(search(stranger, "q=" + word))).containsExactly(theirs);
        assertThat(search(contact, "q=" + word + "&organizationId=" + otherOrg).get("totalItems").asLong()).isZero();
        assertThat(ids(search(AGENT, "q=" + word))).containsExactlyInAnyOrder(mine, theirs);
        assertThat(ids(search(AGENT, "q=" + word + "&organizationId=" + otherOrg))).containsExactly(theirs);
    }

    @Test
    void filtersByAssigneeUnassignedOpenerTypeSeverityStatusAndOpeningTime() {
        String word = word();
        String colleague = "contact-" + UUID.randomUUID();
        String colleagueToken = Contacts.add(api, org, colleague);
        Instant before = Instant.now();
        String bug = open(contact, org, Map.of("title", word, "type", "BUG", "severity", "S4"));
        String incident = open(colleagueToken, org, Map.of("title", word));
        assertThat(api.post("/api/tickets/" + incident + "/assignment", AGENT, Map.of("assignee", "agent-7")).status()).isEqualTo(200);
        String q = "q=" + word + "&";

        assertThat(ids(search(AGENT, q + "unassigned=true"))).containsExactly(bug);
        assertThat(ids(search(AGENT, q + "assignee=agent-7"))).containsExactly(incident);
        assertThat(ids(search(AGENT, q + "status=IN_PROGRESS"))).containsExactly(incident);
        assertThat(ids(search(AGENT, q + "type=BUG&severity=S4"))).containsExactly(bug);
        assertThat(ids(search(AGENT, q + "severity=S2"))).containsExactly(incident);
        assertThat(ids(search(contact, q + "openedBy=" + colleague))).as("a contact reviews a colleague's requests")
                .containsExactly(incident);
        assertThat(ids(search(AGENT, q + "openedBy=" + contactUser))).containsExactly(bug);
        assertThat(ids(search(AGENT, q + "from=" + before.minusSeconds(1)))).containsExactlyInAnyOrder(bug, incident);
        assertThat(ids(search(AGENT, q + "to=" + before))).isEmpty();
        assertThat(ids(search(AGENT, q + "from=" + Instant.now().plusSeconds(60)))).isEmpty();
        String today = before.toString().substring(0, 10);
        assertThat(ids(search(AGENT, q + "from=" + today + "&to=" + today))).as("whole days, UTC")
                .containsExactlyInAnyOrder(bug, incident);
    }

    @Test
    void cursorsWalkEveryTicketOnceInTheChosenOrderWhileTicketsAreAddedAndChanged() {
        String word = word();
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            opened.add(open(contact, org, Map.of("title", word + " " + i)));
        }
        List<String> newestFirst = new ArrayList<>(opened);
        Collections.reverse(newestFirst);

        JsonNode first = search(contact, "q=" + word + "&size=2");
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("totalItems").asLong()).isEqualTo(5);
        List<String> walked = new ArrayList<>(ids(first));
        open(contact, org, Map.of("title", word + " late"));
        JsonNode page = first;
        int pages = 1;
        while (!page.get("nextCursor").isNull()) {
            page = search(contact, "q=" + word + "&size=2&cursor=" + page.get("nextCursor").asText());
            assertThat(page.get("page").asInt()).isEqualTo(pages++);
            walked.addAll(ids(page));
            assertThat(pages).isLessThan(10);
        }
        assertThat(walked).as("the ticket opened meanwhile went ahead of the cursor, nothing repeats").isEqualTo(newestFirst);
        assertThat(search(contact, "q=" + word + "&size=2&page=1").get("items").size()).as("page numbers still work").isEqualTo(2);

        comment(opened.get(0), AGENT, "INTERNAL", "only staff see this");
        assertThat(ids(search(contact, "q=" + word + "&sort=updated&size=6")).get(0)).as("contacts: the late ticket, "
                + "an internal note moves nothing they see").isNotEqualTo(opened.get(0));
        assertThat(ids(search(AGENT, "q=" + word + "&sort=updated&size=6")).get(0)).isEqualTo(opened.get(0));
        comment(opened.get(1), contact, "PUBLIC", "any news?");
        assertThat(ids(search(contact, "q=" + word + "&sort=updated&size=6")).get(0)).isEqualTo(opened.get(1));
    }

    @Test
    void sortsByTheNearestDueTimeOfARunningSlaClockFromTheSlaServicesEvents() throws Exception {
        String word = word();
        String later = open(contact, org, Map.of("title", word));
        String sooner = open(contact, org, Map.of("title", word));
        String paused = open(contact, org, Map.of("title", word));
        String none = open(contact, org, Map.of("title", word));
        String breached = open(contact, org, Map.of("title", word));
        String resolvedAfterABreach = open(contact, org, Map.of("title", word));
        assertThat(api.post("/api/tickets/" + resolvedAfterABreach + "/status", AGENT,
                Map.of("status", "RESOLVED", "resolution", "Fixed the quiz timeout")).status()).isEqualTo(200);
        Instant now = Instant.parse("2026-11-23T09:00:00Z");
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, later, 0, "clock-started", "FIRST_RESPONSE", now.plusSeconds(4 * 3600));
            send(producer, later, 1, "clock-started", "RESOLUTION", now.plusSeconds(16 * 3600));
            send(producer, sooner, 0, "clock-started", "RESOLUTION", now.plusSeconds(3 * 3600));
            send(producer, sooner, 1, "clock-started", "FIRST_RESPONSE", now.plusSeconds(3600));
            send(producer, paused, 0, "clock-started", "FIRST_RESPONSE", now.plusSeconds(600));
            send(producer, paused, 1, "clock-paused", "FIRST_RESPONSE", now.plusSeconds(600));
            send(producer, sooner, 2, "met", "FIRST_RESPONSE", now.plusSeconds(3600));
            send(producer, sooner, 1, "clock-started", "FIRST_RESPONSE", now.plusSeconds(3600));
            send(producer, breached, 0, "clock-started", "FIRST_RESPONSE", now.plusSeconds(1200));
            send(producer, breached, 1, "breached", "FIRST_RESPONSE", now.plusSeconds(1200));
            send(producer, resolvedAfterABreach, 0, "clock-started", "FIRST_RESPONSE", now.plusSeconds(300));
            send(producer, resolvedAfterABreach, 1, "breached", "FIRST_RESPONSE", now.plusSeconds(300));
            producer.send(new ProducerRecord<>(slaTopic, sooner, "{not an event")).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ids(search(AGENT, "q=" + word + "&sort=sla"))).as("breached: its missed target (+20 min) "
                        + "comes first; sooner: resolution at +3h (its first response was met, and the late repeat of "
                        + "its start changed nothing); later: +4h; then the tickets without a target to order by, "
                        + "among them the resolved one whatever it missed").startsWith(breached, sooner, later));
        List<String> sla = ids(search(AGENT, "q=" + word + "&sort=sla"));
        assertThat(sla.subList(3, 6)).containsExactlyInAnyOrder(paused, none, resolvedAfterABreach);

        List<String> walked = new ArrayList<>();
        JsonNode page = search(contact, "q=" + word + "&sort=sla&size=1");
        walked.addAll(ids(page));
        while (!page.get("nextCursor").isNull() && walked.size() < 10) {
            page = search(contact, "q=" + word + "&sort=sla&size=1&cursor=" + page.get("nextCursor").asText());
            walked.addAll(ids(page));
        }
        assertThat(walked).as("cursors across tickets with and without a due time").isEqualTo(sla);
    }

    @Test
    void badParametersAreInvalidRequestProblemsNamingThem() {
        open(contact, org, Map.of());
        open(contact, org, Map.of());
        assertInvalid("sort=nearest", "sort");
        assertInvalid("q=%20%20", "q");
        assertInvalid("q=" + "x".repeat(201), "q");
        assertInvalid("from=yesterday", "from");
        assertInvalid("from=2026-11-23&to=2026-11-22", "to");
        assertInvalid("unassigned=true&assignee=agent-7", "unassigned");
        assertInvalid("unassigned=maybe", "unassigned");
        assertInvalid("severity=S9", "severity");
        assertInvalid("cursor=abc", "cursor");
        assertInvalid("q=quiz%00", "q");
        assertInvalid("organizationId=%00", "organizationId");

        JsonNode next = search(contact, "size=1").get("nextCursor");
        assertThat(next.isTextual()).as(next.toString()).isTrue();
        String cursor = next.asText();
        assertThat(api.get("/api/tickets?size=1&cursor=" + cursor, contact).status()).isEqualTo(200);
        assertInvalid("size=1&cursor=" + cursor + "x", "cursor");
        assertInvalid("size=1&sort=updated&cursor=" + cursor, "cursor");
        assertInvalid("size=1&page=2&cursor=" + cursor, "page");
        HttpApi.Answer foreign = api.get("/api/tickets?size=1&cursor=" + cursor, AGENT);
        assertThat(foreign.status()).as("a contact's cursor is not a staff member's").isEqualTo(400);
    }

    @Test
    void aReplayOfTheTicketViewsRebuildsTheSameSearchDocuments() {
        String word = word();
        String ticket = open(contact, org, Map.of("title", word));
        comment(ticket, AGENT, "PUBLIC", "first " + word());
        comment(ticket, AGENT, "INTERNAL", "hidden " + word());
        comment(ticket, contact, "PUBLIC", "second " + word());
        List<Map<String, Object>> before = documents();

        HttpApi.Answer started = api.post("/api/admin/tickets/replays", ANALYST, Map.of("projection", "ticket-views"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String progress = "/api/admin/tickets/replays/" + started.json().get("id").asText();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(api.get(progress, ANALYST).json().get("state").asText()).isEqualTo("COMPLETED"));

        assertThat(documents()).isEqualTo(before);
        assertThat(ids(search(contact, "q=" + word))).containsExactly(ticket);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE tablename = 'ticket_view' "
                + "AND indexname = 'ticket_view_search'", Long.class)).as("the GIN index keeps its name").isEqualTo(1);
    }

    @Test
    void theApiDocumentDescribesEveryParameterAndTheCursor() throws Exception {
        JsonNode document = ApiDocumentAssertions.assertServesTheEdgeDocument(port);
        JsonNode list = document.at("/paths/~1api~1tickets/get");
        assertThat(list.get("parameters").findValuesAsText("name")).contains("q", "status", "severity", "type",
                "organizationId", "assignee", "unassigned", "openedBy", "from", "to", "sort", "cursor", "page", "size");
        String schema = list.at("/responses/200/content/*~1*/schema/$ref").asText();
        JsonNode page = document.at("/components/schemas/" + schema.substring(schema.lastIndexOf('/') + 1) + "/properties");
        assertThat(page.has("items") && page.has("page") && page.has("size") && page.has("totalItems") && page.has("nextCursor"))
                .as(page.toString()).isTrue();
    }

    private List<Map<String, Object>> documents() {
        return jdbc.queryForList("SELECT id, search_vector::text AS document, version, public_version FROM ticket_view ORDER BY id");
    }

    private void assertInvalid(String query, String field) {
        HttpApi.Answer answer = api.get("/api/tickets?" + query, contact);
        assertThat(answer.status()).as(query + " " + answer).isEqualTo(400);
        assertThat(answer.json().get("type").asText()).isEqualTo("https://helpdesk.dev/problems/invalid-request");
        assertThat(answer.json().get("errors").findValuesAsText("field")).as(query).contains(field);
    }

    private String organisation() {
        HttpApi.Answer registered = api.post("/api/organizations", ADMIN, Bodies.organization("Uni " + UUID.randomUUID()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.json().get("id").asText();
    }

    private String open(String token, String organizationId, Map<String, Object> changes) {
        Map<String, Object> body = Bodies.ticket(organizationId);
        body.putAll(changes);
        HttpApi.Answer opened = api.post("/api/tickets", token, body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().get("id").asText();
    }

    private void comment(String ticket, String token, String visibility, String body) {
        HttpApi.Answer added = api.post("/api/tickets/" + ticket + "/comments", token, Map.of("body", body, "visibility", visibility));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
    }

    private JsonNode search(String token, String query) {
        HttpApi.Answer answer = api.get("/api/tickets?" + query, token);
        assertThat(answer.status()).as(query + " " + answer).isEqualTo(200);
        return answer.json();
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").findValuesAsText("id");
    }

    /** A word no other test uses (letters only, so both parsers keep it whole). */
    private static String word() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private void send(KafkaProducer<String, String> producer, String ticket, long sequence, String kind, String metric,
                      Instant due) throws Exception {
        String data = switch (kind) {
            case "clock-started" -> "\"policyId\":\"standard\",\"startedAt\":\"2026-11-23T09:00:00Z\",\"dueAt\":\"" + due + "\"";
            case "clock-paused" -> "\"at\":\"2026-11-23T09:05:00Z\",\"dueAt\":\"" + due + "\"";
            case "met" -> "\"dueAt\":\"" + due + "\",\"metAt\":\"2026-11-23T09:30:00Z\"";
            case "breached" -> "\"dueAt\":\"" + due + "\",\"breachedAt\":\"" + due + "\"";
            default -> throw new IllegalArgumentException(kind);
        };
        String value = """
                {"specversion":"1.0","id":"%s","type":"helpdesk.sla.%s.v1","source":"/sla-service","subject":"%s",
                 "time":"2026-11-23T09:00:00Z","datacontenttype":"application/json","aggregatetype":"SlaClock",
                 "sequence":%d,"position":null,"actor":"system","correlationid":null,
                 "data":{"ticketId":"%s","organizationId":"%s","metric":"%s","severity":"S2",%s}}"""
                .formatted(UUID.randomUUID(), kind, ticket, sequence, ticket, org, metric, data);
        producer.send(new ProducerRecord<>(slaTopic, ticket, value)).get();
    }
}
