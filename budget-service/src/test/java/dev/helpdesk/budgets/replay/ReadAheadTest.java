package dev.helpdesk.budgets.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.budgets.projection.TicketEventReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The rebuild applies what {@link ReadAhead} hands over in order, so order and chunking must hold exactly. */
class ReadAheadTest {

    private static final String LOGGED = """
            {"id":"%s","type":"helpdesk.ticket.time-entry-logged.v1","time":"2026-03-02T10:15:30Z","data":{"ticketId":"T-1",
            "organizationId":"org-1","entryId":"%s","agentId":"agent-1","minutes":30,"rate":"STANDARD","workDate":"2026-03-02"}}""";

    @Test
    void handsOverEveryChunkInRecordOrderWithUnreadableAndSkippedRecordsInPlace() {
        List<String> values = List.of(LOGGED.formatted("ev-1", "E-1"), "{broken", LOGGED.formatted("ev-2", "E-2"),
                """
                {"id":"ev-3","type":"helpdesk.ticket.comment-added.v1","data":{}}""", LOGGED.formatted("ev-4", "E-4"));
        List<ConsumerRecord<String, String>> records = IntStream.range(0, values.size())
                .mapToObj(offset -> new ConsumerRecord<>("tickets", 0, offset, "T-1", values.get(offset))).toList();
        List<List<String>> chunks = new ArrayList<>();
        try (ReadAhead readAhead = new ReadAhead(new TicketEventReader(new ObjectMapper().findAndRegisterModules()), 2)) {
            readAhead.forEachChunk(records, reads -> chunks.add(reads.stream()
                    .map(read -> read.unreadable() != null ? read.record().offset() + " " + read.unreadable()
                            : read.event() == null ? "skipped" : read.event().id()).toList()));
        }

        assertThat(chunks).containsExactly(List.of("ev-1", "1 value is not JSON"), List.of("ev-2", "skipped"),
                List.of("ev-4"));
    }
}
