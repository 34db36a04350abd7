package dev.helpdesk.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A service speaking HTTP/1.1 on a plain socket, for answers the JDK's server cannot give: a path ending in
 * {@code /cut} sends a 201 head (with {@code Location} and {@code ETag}) and part of a chunked body, then resets the
 * connection, as a service killed half way through its answer does; {@code /slow-whole} sends a whole chunked 201 in
 * two parts 300 ms apart; {@code /empty} answers 204.
 */
final class RawServiceStandIn implements AutoCloseable {

    static final String WHOLE_BODY = "{\"id\":\"w-1\",\"name\":\"" + "n".repeat(20_000) + "\"}";

    private final ServerSocket server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    RawServiceStandIn() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor.execute(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                executor.execute(() -> answer(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (socket) {
            String path = readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            if (path.endsWith("/cut")) {
                out.write(("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nLocation: /api/webhooks/w-1\r\n"
                        + "ETag: \"1\"\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"id\":\"w-1\",\"na\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(200);
                socket.setSoLinger(true, 0); // close with a reset, no final chunk
            } else if (path.endsWith("/slow-whole")) {
                byte[] body = WHOLE_BODY.getBytes(StandardCharsets.UTF_8);
                int half = body.length / 2;
                out.write(("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nLocation: /api/webhooks/w-1\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                chunk(out, body, 0, half);
                out.flush();
                Thread.sleep(300);
                chunk(out, body, half, body.length - half);
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } else {
                out.write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | InterruptedException gone) {
            // the gateway went away first: nothing to answer
        }
    }

    private static void chunk(OutputStream out, byte[] body, int from, int length) throws IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, from, length);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads the request line and headers, and the body when it has a Content-Length; returns the path. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended in its head");
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        for (String line : lines) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return lines[0].split(" ")[1];
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        executor.shutdownNow();
    }
}
