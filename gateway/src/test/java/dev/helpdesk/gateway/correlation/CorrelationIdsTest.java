package dev.helpdesk.gateway.correlation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationIdsTest {

    private static final String UUID_SHAPE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void keepsASafeIncomingId() {
        assertThat(CorrelationIds.resolve("portal-7f3a:12.b_c")).isEqualTo("portal-7f3a:12.b_c");
    }

    @Test
    void replacesMissingUnsafeOrOverlongIds() {
        assertThat(CorrelationIds.resolve(null)).matches(UUID_SHAPE);
        assertThat(CorrelationIds.resolve("")).matches(UUID_SHAPE);
        assertThat(CorrelationIds.resolve("a b")).matches(UUID_SHAPE);
        assertThat(CorrelationIds.resolve("id\nFAKE LOG LINE")).matches(UUID_SHAPE);
        assertThat(CorrelationIds.resolve("x".repeat(101))).matches(UUID_SHAPE);
    }
}
