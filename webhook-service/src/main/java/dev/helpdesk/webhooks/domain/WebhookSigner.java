package dev.helpdesk.webhooks.domain;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Signs a delivery as the Standard Webhooks specification says, with its reference library (com.standardwebhooks):
 * {@code v1,} followed by the base64 HMAC-SHA256, keyed with the base64-decoded part of the {@code whsec_} secret, of {@code <webhook-id>.<webhook-timestamp>.<body>}.
 * Several secrets (during a rotation's overlap) give several signatures, space-delimited, in one header.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    /** The {@code webhook-signature} header value: one signature per secret, in the order given. */
    public static String signatureHeader(List<WebhookSecret> secrets, String id, long timestampSeconds, String body) {
        return secrets.stream().map(secret -> sign(secret, id, timestampSeconds, body)).collect(Collectors.joining(" "));
    }

    /** One {@code v1,<base64>} signature, by the Standard Webhooks reference library. */
    public static String sign(WebhookSecret secret, String id, long timestampSeconds, String body) {
        try {
            return new Webhook(secret.value()).sign(id, timestampSeconds, body);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("webhook " + id + " could not be signed", e);
        }
    }
}
