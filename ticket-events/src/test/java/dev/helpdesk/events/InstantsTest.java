package dev.helpdesk.events;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Instants#parse} reads what {@link Instant#parse} reads, to the same instant, and refuses what it refuses. */
class InstantsTest {

    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Property(tries = 2000)
    void readsEveryInstantItsToStringWrites(@ForAll("instants") Instant instant) {
        String text = instant.toString();
        assertThat(Instants.parseUtc(text)).as(text).isEqualTo(instant);
        assertThat(Instants.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }

    /** Text near the canonical form, one character changed, dropped or added: both parsers agree on all of it. */
    @Property(tries = 5000)
    void agreesWithInstantParseOnMangledText(@ForAll("mangled") String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeParseException refused) {
            assertThatThrownBy(() -> Instants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(Instants.parse(text)).as(text).isEqualTo(expected);
    }

    @Example
    void leavesWhatTheFastPathDoesNotReadToInstantParse() {
        for (String text : new String[] {"2016-12-31T23:59:60Z", "2026-12-07T01:02:03+01:00", "2026-12-07t01:02:03z",
                "+10000-01-01T00:00:00Z", "2026-12-07T01:02:03.000000000Z", "2026-12-07T01:02:03.5Z",
                "2026-12-07T24:00:00Z", "2026-12-07T01:02:03.Z",
                "0000-01-01T00:00:00Z", "2024-02-29T12:00:00Z"}) {
            assertThat(Instants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (String text : new String[] {"2026-02-30T00:00:00Z", "2023-02-29T12:00:00Z", "2026-13-01T00:00:00Z",
                "2026-12-07T01:02:03.1234567890Z", "2026-12-07 01:02:03Z", "2026-12-07T01:02:03", "", "Z",
                "2026-12-07T01:02Z", "1970-01-01T00:00:00Z001Z"}) {
            assertThatThrownBy(() -> Instants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThat(Instants.parseUtc(text)).as(text).isNull();
        }
        assertThat(Instants.parseUtc(null)).isNull();
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(FIRST, LAST);
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000), Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<String> mangled() {
        Arbitrary<Character> replacement = Arbitraries.of('0', '1', '2', '5', '9', '-', ':', '.', 'T', 'Z', 't', 'z', '+', ' ', 'x');
        return Combinators.combine(instants(), Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 2),
                replacement).as((instant, position, operation, character) -> {
            StringBuilder text = new StringBuilder(instant.toString());
            int at = Math.min(position, text.length() - (operation == 2 ? 0 : 1));
            switch (operation) {
                case 0 -> text.setCharAt(at, character);
                case 1 -> text.deleteCharAt(at);
                default -> text.insert(at, character);
            }
            return text.toString();
        });
    }
}
