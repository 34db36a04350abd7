package dev.helpdesk.edge.paging;

import dev.helpdesk.edge.problem.ProblemException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Opaque, tamper-checked cursors: {@code base64url(payload) "." base64url(HMAC-SHA256(key, payload))}. The payload is
 * the service's own text (its last sort key, id, page); a cursor the service did not sign, or signed and then changed,
 * is refused as a 400 {@code invalid-request} naming the {@code cursor} parameter, before its payload is read. The key
 * must be shared by every instance of the service (a cursor from one instance is followed on another).
 */
public final class SignedCursors {

    /** The longest cursor accepted, in characters. */
    public static final int MAX_LENGTH = 1_000;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public SignedCursors(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a cursor key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** The cursor that carries {@code payload}. */
    public String sign(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /** The payload of a cursor this key signed; a 400 problem for any other text. */
    public String verify(String cursor) {
        if (cursor == null || cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        int dot = cursor.indexOf('.');
        if (dot < 1 || dot != cursor.lastIndexOf('.')) {
            throw invalid();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(cursor.substring(0, dot));
            signature = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            throw invalid();
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The refusal of a cursor that is not one of ours, or not for this query. */
    public static ProblemException invalid() {
        return ProblemException.invalid("cursor", "is not a cursor of this list and query");
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
