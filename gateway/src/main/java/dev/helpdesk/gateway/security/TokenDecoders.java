package dev.helpdesk.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTParser;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/**
 * Builds the decoder that checks bearer tokens. With both a secret and an issuer, an HS256 token is checked against
 * the secret and any other against the issuer's keys; each decoder accepts only its own algorithms, so a token
 * cannot pick a weaker check for itself ({@code alg: none} and unknown algorithms fail).
 */
final class TokenDecoders {

    private TokenDecoders() {
    }

    static ReactiveJwtDecoder forSettings(SecuritySettings settings) {
        ReactiveJwtDecoder secretDecoder = settings.hasSecret() ? secretDecoder(settings.jwtSecret()) : null;
        ReactiveJwtDecoder issuerDecoder = settings.hasIssuer() ? issuerDecoder(settings.issuerUri()) : null;
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

    private static ReactiveJwtDecoder secretDecoder(String secret) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault()));
        return decoder;
    }

    /** The issuer's metadata and keys are fetched on first use, so a slow issuer does not block the gateway's start. */
    private static ReactiveJwtDecoder issuerDecoder(String issuerUri) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuerUri).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuerUri));
        return decoder;
    }
}
