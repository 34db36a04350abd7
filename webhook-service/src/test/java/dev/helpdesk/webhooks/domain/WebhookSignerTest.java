package dev.helpdesk.webhooks.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignerTest {

    /** The test vector of the Standard Webhooks reference libraries (secret, id, timestamp, body, signature). */
    private static final WebhookSecret VECTOR_SECRET = new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long VECTOR_TIMESTAMP = 1614265330L;
    private static final String VECTOR_BODY = "{\"test\": 2432232314}";
    private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void reproducesTheStandardWebhooksTestVector() {
        assertThat(WebhookSigner.sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY)).isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void anyChangeOfIdTimestampOrBodyChangesTheSignature() {
        assertThat(WebhookSigner.sign(VECTOR_SECRET, VECTOR_ID + "x", VECTOR_TIMESTAMP, VECTOR_BODY)).isNotEqualTo(VECTOR_SIGNATURE);
        assertThat(WebhookSigner.sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TIMESTAMP + 1, VECTOR_BODY)).isNotEqualTo(VECTOR_SIGNATURE);
        assertThat(WebhookSigner.sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TIMESTAMP, "{\"test\": 2432232315}")).isNotEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void duringARotationEachSecretSignsSpaceDelimitedNewestFirst() {
        WebhookSecret fresh = WebhookSecret.generate();
        String header = WebhookSigner.signatureHeader(List.of(fresh, VECTOR_SECRET), VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY);

        assertThat(header.split(" ")).containsExactly(
                WebhookSigner.sign(fresh, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY), VECTOR_SIGNATURE);
    }

    @Test
    void newSecretsHaveThePrefixAnd32RandomBytes() {
        WebhookSecret one = WebhookSecret.generate();
        WebhookSecret two = WebhookSecret.generate();

        assertThat(one.value()).startsWith("whsec_");
        assertThat(one.key()).hasSize(32);
        assertThat(one.value()).isNotEqualTo(two.value());
        assertThat(one.toString()).doesNotContain(one.value().substring(6));
    }

    @Test
    void refusesASecretWithoutThePrefix() {
        assertThatThrownBy(() -> new WebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
