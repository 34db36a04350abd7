package dev.helpdesk.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the system holds after a scenario, read as any client would (the event history API through the gateway, the
 * topics from the beginning, the budget API, the consumer groups' committed offsets), checked against what the
 * portals were told. {@link #check} lists every broken promise; {@link #counts} says what was counted.
 */
final class Evidence {

    static final List<String> SERVICE_GROUPS = List.of("ticket-service", "sla-service", "escalation-service", "budget-service");
    private static final BigDecimal STANDARD = new BigDecimal("80.00");
    private static final BigDecimal CONSULTANCY = new BigDecimal("120.00");

    private final Fleet fleet;
    private final Set<String> organizations;
    private final Ledger ledger;
    private final Map<String, Object> counts = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    private Evidence(Fleet fleet, Set<String> organizations, Ledger ledger) {
        this.fleet = fleet;
        this.organizations = organizations;
        this.ledger = ledger;
    }

    /** Reads everything once and returns the evidence; {@link #failures()} is empty when every promise held. */
    static Evidence gather(Fleet fleet, Set<String> organizations, Ledger ledger) throws Exception {
        Evidence evidence = new Evidence(fleet, organizations, ledger);
        evidence.check();
        return evidence;
    }

    List<String> failures() {
        return failures;
    }

    Map<String, Object> counts() {
        return counts;
    }

    private void check() throws Exception {
        List<JsonNode> store = storedEvents();
        List<JsonNode> onKafka = ours(read("helpdesk.tickets.v1"));
        Set<String> storeIds = ids(store, "eventId");
        Set<String> kafkaIds = ids(onKafka, "id");
        counts.put("events in the store", storeIds.size());
        counts.put("of them on Kafka", intersection(storeIds, kafkaIds).size());
        counts.put("Kafka records (repeats of at-least-once delivery)", onKafka.size() - kafkaIds.size());
        expectEmpty("stored events missing on Kafka", difference(storeIds, kafkaIds));
        expectEmpty("events on Kafka that the store does not hold", difference(kafkaIds, storeIds));

        Set<String> tickets = store.stream().filter(e -> isType(e, "ticket.opened"))
                .map(e -> e.path("data").path("ticketId").asText()).collect(Collectors.toSet());
        counts.put("tickets accepted", ledger.accepted("open-ticket"));
        counts.put("tickets stored", tickets.size());
        expectEmpty("accepted tickets the store does not hold", difference(ledger.acceptedTickets, tickets));
        if (tickets.size() > ledger.acceptedTickets.size() + ledger.ambiguousOpens()) {
            failures.add("more tickets stored (" + tickets.size() + ") than accepted or refused (" + ledger.acceptedTickets.size()
                    + " + " + ledger.ambiguousOpens() + ")");
        }
        List<JsonNode> entries = store.stream().filter(e -> isType(e, "time-entry-logged")).toList();
        counts.put("time entries accepted", ledger.accepted("log-time"));
        counts.put("time entries stored", entries.size());
        expectEmpty("accepted time entries the store does not hold",
                difference(ledger.acceptedEntries, entries.stream().map(e -> e.path("data").path("entryId").asText())
                        .collect(Collectors.toSet())));

        checkSla(tickets);
        checkEscalations(tickets);
        checkBudgets(entries);
        checkLag();
    }

    private void checkSla(Set<String> tickets) {
        List<JsonNode> sla = ours(read("helpdesk.sla.v1"));
        Map<String, Set<String>> idsByFact = new HashMap<>();
        for (JsonNode record : sla) {
            JsonNode data = record.path("data");
            String type = record.path("type").asText();
            if (!type.matches("helpdesk\\.sla\\.(clock-started|warning-reached|breached)\\.v\\d+")) {
                continue; // policy assignments, met and paused clocks are not facts raised once per clock
            }
            String fact = type.replaceAll("^helpdesk\\.sla\\.|\\.v\\d+$", "") + " " + data.path("ticketId").asText() + " "
                    + data.path("metric").asText() + (data.has("thresholdPercent") ? " " + data.path("thresholdPercent").asInt() : "");
            idsByFact.computeIfAbsent(fact, f -> new HashSet<>()).add(record.path("id").asText());
        }
        int started = 0;
        int warnings = 0;
        int breaches = 0;
        for (String ticket : tickets) {
            for (String metric : List.of("FIRST_RESPONSE", "RESOLUTION")) {
                started += once(idsByFact, "clock-started " + ticket + " " + metric);
                warnings += once(idsByFact, "warning-reached " + ticket + " " + metric + " 75");
                warnings += once(idsByFact, "warning-reached " + ticket + " " + metric + " 90");
                breaches += once(idsByFact, "breached " + ticket + " " + metric);
            }
        }
        counts.put("SLA clocks started once", started);
        counts.put("SLA warnings raised once", warnings);
        counts.put("SLA breaches raised once", breaches);
        idsByFact.forEach((fact, ids) -> {
            if (ids.size() > 1) {
                failures.add("raised " + ids.size() + " times: " + fact);
            }
        });
    }

    private int once(Map<String, Set<String>> idsByFact, String fact) {
        Set<String> ids = idsByFact.get(fact);
        if (ids == null) {
            failures.add("never raised: " + fact);
            return 0;
        }
        return ids.size() == 1 ? 1 : 0;
    }

    private void checkEscalations(Set<String> tickets) {
        Map<String, Set<String>> idsByLevel = new HashMap<>();
        for (JsonNode record : ours(read("helpdesk.escalations.v1"))) {
            if (record.path("type").asText().contains("escalation.raised")) {
                idsByLevel.computeIfAbsent(record.path("data").path("ticketId").asText() + " level "
                        + record.path("data").path("level").asInt(), k -> new HashSet<>()).add(record.path("id").asText());
            }
        }
        int raised = 0;
        for (String ticket : tickets) {
            raised += once(idsByLevel, ticket + " level 1");
        }
        idsByLevel.forEach((level, ids) -> {
            if (ids.size() > 1) {
                failures.add("escalation raised " + ids.size() + " times: " + level);
            }
        });
        counts.put("escalations raised once", raised);
    }

    private void checkBudgets(List<JsonNode> entries) {
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (JsonNode entry : entries) {
            JsonNode data = entry.path("data");
            BigDecimal rate = data.path("rate").asText().equals("CONSULTANCY") ? CONSULTANCY : STANDARD;
            BigDecimal charge = rate.multiply(BigDecimal.valueOf(data.path("minutes").asInt()))
                    .divide(BigDecimal.valueOf(60), 2, RoundingMode.UNNECESSARY);
            expected.merge(data.path("organizationId").asText(), charge, BigDecimal::add);
        }
        Map<String, Set<String>> thresholdIds = new HashMap<>();
        for (JsonNode record : ours(read("helpdesk.budgets.v1"))) {
            if (record.path("type").asText().contains("threshold-crossed")) {
                thresholdIds.computeIfAbsent(record.path("data").path("organizationId").asText() + " "
                        + record.path("data").path("threshold").asInt() + "%", k -> new HashSet<>()).add(record.path("id").asText());
            }
        }
        Http http = new Http();
        String admin = fleet.token("admin-evidence", "admin");
        int exact = 0;
        int thresholds = 0;
        BigDecimal purchased = new BigDecimal(Portal.BUDGET);
        for (String organization : organizations) {
            BigDecimal want = expected.getOrDefault(organization, BigDecimal.ZERO.setScale(2));
            Http.Reply budget = http.get(fleet.gateways().get(0) + "/api/budgets/" + organization, admin);
            BigDecimal consumed = budget.ok() ? budget.json().path("consumed").decimalValue() : null;
            if (consumed != null && consumed.compareTo(want) == 0) {
                exact++;
            } else {
                failures.add("budget of " + organization + ": consumed " + (consumed == null ? budget : consumed)
                        + ", the stored entries cost " + want);
            }
            for (int threshold : List.of(50, 80, 100)) {
                boolean reached = want.multiply(BigDecimal.valueOf(100)).compareTo(purchased.multiply(BigDecimal.valueOf(threshold))) >= 0;
                if (reached) {
                    thresholds += once(thresholdIds, organization + " " + threshold + "%");
                } else if (thresholdIds.containsKey(organization + " " + threshold + "%")) {
                    failures.add("threshold " + threshold + "% crossed for " + organization + " at " + want);
                }
            }
        }
        thresholdIds.forEach((threshold, ids) -> {
            if (ids.size() > 1) {
                failures.add("budget threshold crossed " + ids.size() + " times: " + threshold);
            }
        });
        counts.put("budgets exact to the cent", exact + " of " + organizations.size());
        counts.put("budget thresholds crossed once", thresholds);
    }

    private void checkLag() throws Exception {
        Map<String, Long> lag = lagByGroup(fleet.kafkaBootstrap());
        counts.put("consumer lag by group", lag);
        lag.forEach((group, records) -> {
            if (records != 0) {
                failures.add("group " + group + " has " + records + " records not consumed");
            }
        });
    }

    /** Records not yet consumed by each of the four services' groups, from their committed offsets. */
    static Map<String, Long> lagByGroup(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000))) {
            Map<String, Long> lag = new TreeMap<>();
            for (String group : SERVICE_GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, Long> ends = admin.listOffsets(committed.keySet().stream()
                                .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                        .all().get(10, TimeUnit.SECONDS).entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
                lag.put(group, committed.entrySet().stream()
                        .mapToLong(e -> Math.max(0, ends.get(e.getKey()) - e.getValue().offset())).sum());
            }
            return lag;
        }
    }

    private List<JsonNode> storedEvents() {
        Http http = new Http();
        String analyst = fleet.token("analyst-evidence", "analyst");
        List<JsonNode> ours = new ArrayList<>();
        long after = -1;
        for (int page = 0; page < 1000; page++) {
            Http.Reply reply = http.get(fleet.gateways().get(0) + "/api/events?after=" + after + "&limit=1000", analyst);
            if (!reply.ok()) {
                throw new AssertionError("The event history cannot be read: " + reply);
            }
            JsonNode items = reply.json().path("items");
            if (items.isEmpty()) {
                return ours;
            }
            for (JsonNode item : items) {
                if (organizations.contains(item.path("data").path("organizationId").asText())) {
                    ours.add(item);
                }
            }
            after = reply.json().path("next").asLong();
        }
        throw new AssertionError("The event history did not end within 1000 pages");
    }

    private List<JsonNode> read(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fleet.kafkaBootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<JsonNode> values = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("Could not read " + topic + " to its end within 30 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    values.add(parse(record.value()));
                }
            }
            return values;
        }
    }

    private List<JsonNode> ours(List<JsonNode> records) {
        return records.stream().filter(r -> organizations.contains(r.path("data").path("organizationId").asText())).toList();
    }

    private static boolean isType(JsonNode event, String type) {
        return event.path("type").asText().contains(type);
    }

    private static Set<String> ids(List<JsonNode> events, String field) {
        return events.stream().map(e -> e.path(field).asText()).collect(Collectors.toSet());
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new HashSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> result = new HashSet<>(a);
        result.retainAll(b);
        return result;
    }

    private void expectEmpty(String what, Set<String> found) {
        if (!found.isEmpty()) {
            failures.add(found.size() + " " + what + ", e.g. " + found.stream().limit(3).toList());
        }
    }

    private static JsonNode parse(String value) {
        try {
            return Http.JSON.readTree(value);
        } catch (IOException e) {
            throw new AssertionError("A record that is not JSON: " + value, e);
        }
    }
}
