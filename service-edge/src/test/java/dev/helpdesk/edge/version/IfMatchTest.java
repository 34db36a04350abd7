package dev.helpdesk.edge.version;

import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.edge.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IfMatchTest {

    @Test
    void anAbsentHeaderMatchesEveryVersion() {
        assertThat(IfMatch.parse(null).matches(7)).isTrue();
        assertThat(IfMatch.parse(" ").isPresent()).isFalse();
        assertThat(IfMatch.parse(null).expectedVersion(() -> 7, "Ticket")).isEmpty();
    }

    @Test
    void quotedWeakBareAndListedTagsNameVersions() {
        assertThat(IfMatch.parse("\"3\"").matches(3)).isTrue();
        assertThat(IfMatch.parse("W/\"3\"").matches(3)).isTrue();
        assertThat(IfMatch.parse("3").matches(3)).isTrue();
        assertThat(IfMatch.parse("\"1\", W/\"2\" ,\"3\"").matches(2)).isTrue();
        assertThat(IfMatch.parse("\"1\", \"2\"").matches(3)).isFalse();
    }

    @Test
    void aStarMatchesAnExistingResourceOnly() {
        IfMatch any = IfMatch.parse("*");
        any.require(5, "Policy");
        assertThatThrownBy(() -> any.require(Optional.empty(), "Policy"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.STALE_VERSION));
    }

    @Test
    void aStaleTagIsA409NamingTheCurrentETag() {
        assertThatThrownBy(() -> IfMatch.parse("\"2\"").require(3, "Calendar business-hours"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.STALE_VERSION);
                    assertThat(e.getMessage()).contains("Calendar business-hours").contains("\"3\"");
                });
    }

    @Test
    void aMalformedHeaderIsA400NamingIfMatch() {
        for (String malformed : new String[] {"abc", "\"3", "\"-1\"", "W/3", "\"1\",,\"2\""}) {
            assertThatThrownBy(() -> IfMatch.parse(malformed)).as(malformed)
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST);
                        assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("If-Match"));
                    });
        }
    }

    @Test
    void theExpectedVersionOfAListIsTheCurrentOneWhenListed() {
        assertThat(IfMatch.parse("\"4\"").expectedVersion(() -> 9, "Ticket")).hasValue(4L);
        assertThat(IfMatch.parse("\"4\", \"9\"").expectedVersion(() -> 9, "Ticket")).hasValue(9L);
        assertThatThrownBy(() -> IfMatch.parse("\"4\", \"5\"").expectedVersion(() -> 9, "Ticket"))
                .isInstanceOf(ProblemException.class);
        assertThat(IfMatch.parse("*").expectedVersion(() -> 9, "Ticket")).isEmpty();
    }

    @Test
    void eTagsAreStrongQuotedVersions() {
        assertThat(ETags.of(12)).isEqualTo("\"12\"");
    }
}
