package dev.helpdesk.edge.paging;

import dev.helpdesk.edge.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedCursorsTest {

    private final SignedCursors cursors = new SignedCursors("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void aSignedCursorGivesItsPayloadBack() {
        assertThat(cursors.verify(cursors.sign("1|created|2026-11-23T09:00:00Z|t-1"))).isEqualTo("1|created|2026-11-23T09:00:00Z|t-1");
    }

    @Test
    void aChangedPayloadIsRefused() {
        String cursor = cursors.sign("page=1");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("page=9".getBytes(StandardCharsets.UTF_8))
                + cursor.substring(cursor.indexOf('.'));
        assertRefused(forged);
    }

    @Test
    void aCursorOfAnotherKeyIsRefused() {
        SignedCursors other = new SignedCursors("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8));
        assertRefused(other.sign("page=1"));
    }

    @Test
    void garbageIsRefusedAsAnInvalidCursorParameter() {
        for (String garbage : new String[]{"", "abc", "a.b.c", "!!.??", ".x", "x".repeat(SignedCursors.MAX_LENGTH + 1)}) {
            assertRefused(garbage);
        }
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new SignedCursors(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRefused(String cursor) {
        assertThatThrownBy(() -> cursors.verify(cursor)).isInstanceOfSatisfying(ProblemException.class, problem ->
                assertThat(problem.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("cursor")));
    }
}
