package dev.helpdesk.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTParser;
import dev.helpdesk.edge.token.TokenRules;
import dev.helpdesk.edge.token.TokenSettings;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/**
 * Builds the decoder that checks bearer tokens. With both a secret and an issuer, an HS256 token is checked against
 * the secret and any other against the issuer's keys; each decoder accepts only its own algorithms, so a token
 * cannot pick a weaker check for itself ({@code alg: none} and unknown algorithms fail). Both check service-edge's
 * {@link TokenRules}: {@code exp} required, issuer, audience when configured, the same as every service.
 */
final class TokenDecoders {

    private TokenDecoders() {
    }

    static ReactiveJwtDecoder forSettings(TokenSettings settings) {
        ReactiveJwtDecoder secretDecoder = settings.hasSecret() ? secretDecoder(settings) : null;
        ReactiveJwtDecoder issuerDecoder = settings.hasIssuerUri() ? issuerDecoder(settings) : null;
        if (issuerDecoder == null) {
            return secretDecoder;
        }
        if (secretDecoder == null) {
            return issuerDecoder;
        }
        return token -> isHs256(token) ? secretDecoder.decode(token) : issuerDecoder.decode(token);
    }

    private static boolean isHs256(String token) {
        try {
            return JWSAlgorithm.HS256.equals(JWTParser.parse(token).getHeader().getAlgorithm());
        } catch (ParseException e) {
            return false;
        }
    }

    private static ReactiveJwtDecoder secretDecoder(TokenSettings settings) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withSecretKey(new SecretKeySpec(settings.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(TokenRules.forSecret(settings));
        return decoder;
    }

    /** The issuer's metadata and keys are fetched on first use, so a slow issuer does not block the gateway's start. */
    private static ReactiveJwtDecoder issuerDecoder(TokenSettings settings) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withIssuerLocation(settings.issuerUri()).build();
        decoder.setJwtValidator(TokenRules.forIssuerUri(settings));
        return decoder;
    }
}
