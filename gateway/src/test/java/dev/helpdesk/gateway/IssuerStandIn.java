package dev.helpdesk.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** A real HTTP server playing an OIDC issuer: discovery document, JWK set, and RS256 tokens signed with its key. */
final class IssuerStandIn implements AutoCloseable {

    private final HttpServer server;
    private final RSAKey key;

    IssuerStandIn() {
        try {
            key = new RSAKeyGenerator(2048).keyID("issuer-key-1").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange,
                "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/jwks\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        server.createContext("/jwks", exchange -> answer(exchange, new JWKSet(key.toPublicJWK()).toString()));
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String token(String subject, List<String> roles, String issuer, RSAKey signingKey) {
        return token(subject, roles, issuer, signingKey, null);
    }

    /** A token of this issuer's key for the given audience ({@code null}: no {@code aud} claim). */
    String token(String subject, List<String> roles, String issuer, RSAKey signingKey, String audience) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                    new JWTClaimsSet.Builder().subject(subject).issuer(issuer).claim("roles", roles).audience(audience)
                            .issueTime(Date.from(Instant.now().minusSeconds(10)))
                            .expirationTime(Date.from(Instant.now().plusSeconds(3600))).build());
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String token(String subject, List<String> roles) {
        return token(subject, roles, issuer(), key);
    }

    RSAKey signingKey() {
        return key;
    }

    static RSAKey otherKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("issuer-key-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
