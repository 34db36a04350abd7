import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway alone (bench/gateway-cpu/run.sh): CPU the gateway process spends per proxied request, without the rest
 * of the stack. {@code standin <port>}: a stand-in ticket service answering every GET with a ticket-sized JSON body.
 * {@code load <gateway url> <secret> <gateway pid> <clients> <longest warm-up s> <measure s>}: GETs /api/tickets/{id} with one
 * HS256 token (the local stack's issuer and audience) and prints requests/s, p50, and the gateway's CPU per request
 * (user + system from /proc/<pid>/stat, and of it the JIT compiler threads') over the measurement.
 */
public class GatewayCpu {

    static final String BODY = "{\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"organizationId\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\","
            + "\"contactId\":\"contact-1\",\"subject\":\"The printer on the third floor prints only blank pages\","
            + "\"description\":\"Since this morning every job comes out blank; the toner was replaced last week.\","
            + "\"severity\":\"S3\",\"category\":\"INCIDENT\",\"status\":\"OPEN\",\"assignee\":null,\"version\":3,"
            + "\"openedAt\":\"2026-12-04T10:15:30Z\",\"updatedAt\":\"2026-12-04T10:20:30Z\",\"comments\":[{\"id\":\"c1\","
            + "\"author\":\"agent-1\",\"body\":\"Looking into it.\",\"at\":\"2026-12-04T10:20:30Z\"}],\"attachments\":[]}";

    public static void main(String[] args) throws Exception {
        if (args[0].equals("standin")) {
            standIn(Integer.parseInt(args[1]));
        } else {
            load(args[1], args[2], Long.parseLong(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]));
        }
    }

    static void standIn(int port) throws Exception {
        // The JDK's server leaves Nagle's algorithm on by default: its header and body writes then wait for the
        // gateway's delayed ACK, ~40 ms per request, and the gateway measured ~95 requests/s at 4 clients, mostly idle
        // (2026-12-05). Read when the server's configuration class loads, so before the server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("stand-in on " + port);
    }

    static void load(String gateway, String secret, long pid, int clients, int warmUp, int measure) throws Exception {
        String token = token(secret);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/tickets/0f8fad5b-d9cb-469f-a165-70867728950e"))
                .header("Authorization", "Bearer " + token).GET().build();
        // warm-up in 10 s slices until the gateway's JIT compilers used under 5 % of one core over a slice (or warmUp s)
        long warmUpStarted = System.nanoTime();
        double jitShare;
        do {
            double jitBefore = cpu(pid)[1];
            long sliceStarted = System.nanoTime();
            run(http, request, clients, 10, new ArrayList<>());
            jitShare = (cpu(pid)[1] - jitBefore) / ((System.nanoTime() - sliceStarted) / 1e6);
        } while (jitShare >= 0.05 && System.nanoTime() - warmUpStarted < warmUp * 1_000_000_000L);
        System.out.printf(java.util.Locale.ROOT, "warm-up %d s, JIT at %.0f %% of one core in its last slice; ",
                (System.nanoTime() - warmUpStarted) / 1_000_000_000L, jitShare * 100);
        double[] cpuBefore = cpu(pid);
        long started = System.nanoTime();
        List<long[]> latencies = new ArrayList<>();
        long count = run(http, request, clients, measure, latencies);
        double seconds = (System.nanoTime() - started) / 1e9;
        double[] cpuAfter = cpu(pid);
        long[] all = latencies.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        double p50 = all.length == 0 ? 0 : all[all.length / 2] / 1e6;
        System.out.printf(java.util.Locale.ROOT,
                "clients=%d requests=%d requests/s=%.1f p50_ms=%.2f gateway_cpu_ms_per_request=%.3f of_which_jit=%.3f%n",
                clients, count, count / seconds, p50, (cpuAfter[0] - cpuBefore[0]) / count,
                (cpuAfter[1] - cpuBefore[1]) / count);
    }

    static long run(HttpClient http, HttpRequest request, int clients, int seconds, List<long[]> latencies) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong count = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            long[][] mine = {new long[1 << 20]};
            int[] n = {0};
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    long t = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("status " + response.statusCode());
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    if (n[0] < mine[0].length) {
                        mine[0][n[0]++] = System.nanoTime() - t;
                    }
                    count.incrementAndGet();
                }
                synchronized (latencies) {
                    latencies.add(java.util.Arrays.copyOf(mine[0], n[0]));
                }
            });
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        return count.get();
    }

    /** CPU milliseconds (user + system) of the whole process and of its JIT compiler threads. */
    static double[] cpu(long pid) throws Exception {
        long ticksPerSecond = 100;
        double all = ticks(Path.of("/proc/" + pid + "/stat")) * 1000.0 / ticksPerSecond;
        double jit = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                        jit += ticks(task.resolve("stat")) * 1000.0 / ticksPerSecond;
                    }
                } catch (java.io.IOException gone) {
                    // a thread that ended meanwhile
                }
            }
        }
        return new double[] {all, jit};
    }

    static long ticks(Path stat) throws Exception {
        String s = Files.readString(stat);
        String[] fields = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static String token(String secret) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"sub\":\"agent-1\",\"name\":\"agent-1\",\"email\":\"agent-1@example.org\",\"roles\":[\"agent\"],"
                + "\"iss\":\"helpdesk-local-stack\",\"aud\":\"helpdesk-api\",\"iat\":" + (now - 60) + ",\"exp\":" + (now + 4 * 3600) + "}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        return header + "." + claims + "." + signature;
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
