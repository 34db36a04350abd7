package dev.helpdesk.webhooks.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signs a delivery as the Standard Webhooks specification says: {@code v1,} followed by the base64 HMAC-SHA256, keyed
 * with the base64-decoded part of the {@code whsec_} secret, of {@code <webhook-id>.<webhook-timestamp>.<body>}.
 * Several secrets (during a rotation's overlap) give several signatures, space-delimited, in one header.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    /** The {@code webhook-signature} header value: one signature per secret, in the order given. */
    public static String signatureHeader(List<WebhookSecret> secrets, String id, long timestampSeconds, String body) {
        return secrets.stream().map(secret -> sign(secret, id, timestampSeconds, body)).collect(Collectors.joining(" "));
    }

    /** One {@code v1,<base64>} signature. */
    public static String sign(WebhookSecret secret, String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
