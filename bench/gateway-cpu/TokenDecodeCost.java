package dev.helpdesk.gateway.security;

import dev.helpdesk.edge.token.TokenSettings;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * CPU time of this thread (ThreadMXBean, so other processes on the machine do not count) per decode of the same token:
 * the gateway's decoder alone, and behind {@link VerifiedTokenCache}. In the gateway's package (the classes are
 * package-private); run against the gateway jar's classes:
 * <pre>
 * unzip -q gateway/target/gateway.jar 'BOOT-INF/*' -d /tmp/gw
 * javac -d /tmp/gw/cost -cp "/tmp/gw/BOOT-INF/classes:/tmp/gw/BOOT-INF/lib/*" bench/gateway-cpu/TokenDecodeCost.java
 * java -cp "/tmp/gw/cost:/tmp/gw/BOOT-INF/classes:/tmp/gw/BOOT-INF/lib/*" dev.helpdesk.gateway.security.TokenDecodeCost 100000
 * </pre>
 */
public class TokenDecodeCost {
    public static void main(String[] args) throws Exception {
        String secret = "benchmark-secret-0123456789-0123456789-abcdef";
        TokenSettings settings = new TokenSettings(secret, "", "helpdesk-local-stack", "helpdesk-api", false);
        ReactiveJwtDecoder plain = TokenDecoders.forSettings(settings);
        ReactiveJwtDecoder cached = new VerifiedTokenCache(TokenDecoders.forSettings(settings));
        String token = token(secret);
        int n = Integer.parseInt(args[0]);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 5; round++) {
            for (Object[] c : new Object[][] {{"decoder", plain}, {"cache", cached}}) {
                ReactiveJwtDecoder d = (ReactiveJwtDecoder) c[1];
                long cpu = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    if (d.decode(token).block() == null) throw new IllegalStateException();
                }
                double us = (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
                System.out.printf(java.util.Locale.ROOT, "round %d %s: %.2f us CPU per decode%n", round, c[0], us);
            }
        }
    }

    static String token(String secret) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"sub\":\"agent-1\",\"name\":\"agent-1\",\"email\":\"agent-1@example.org\",\"roles\":[\"agent\"],"
                + "\"iss\":\"helpdesk-local-stack\",\"aud\":\"helpdesk-api\",\"iat\":" + (now - 60) + ",\"exp\":" + (now + 4 * 3600) + "}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
