package dev.helpdesk.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The envelope's type read without a tree: the top-level member only, null whenever the whole read must decide. */
class PeekTypeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void findsTheTopLevelTypeWhereverItIsAndNeverANestedOne() {
        assertThat(ReceivedEvents.peekType(JSON, """
                {"specversion":"1.0","id":"e-1","type":"helpdesk.ticket.time-entry-logged.v1","data":{"minutes":30}}"""))
                .isEqualTo("helpdesk.ticket.time-entry-logged.v1");
        assertThat(ReceivedEvents.peekType(JSON, """
                {"data":{"type":"INCIDENT","nested":[{"type":"x"}]},"id":"e-2","type":"helpdesk.ticket.opened.v1"}"""))
                .isEqualTo("helpdesk.ticket.opened.v1");
    }

    @Test
    void answersNullWhenOnlyTheWholeReadCanSayWhatIsWrong() {
        assertThat(ReceivedEvents.peekType(JSON, null)).isNull();
        assertThat(ReceivedEvents.peekType(JSON, "not json")).isNull();
        assertThat(ReceivedEvents.peekType(JSON, "[\"type\"]")).isNull();
        assertThat(ReceivedEvents.peekType(JSON, "{\"id\":\"e-3\",\"data\":{}}")).isNull();
        assertThat(ReceivedEvents.peekType(JSON, "{\"type\":42}")).isNull();
        assertThat(ReceivedEvents.peekType(JSON, "{\"id\":\"e-4\",\"data\":{\"a\":")).isNull();
    }
}
