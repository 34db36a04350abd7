package dev.helpdesk.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The local stack's mail server, so that a new user sees the notification-service's mails without configuring
 * anything: a real SMTP server (GreenMail) on the loopback interface that accepts every mail for every address, and a
 * small page listing what it received, newest first ({@code GET /}; {@code GET /api/mails} as JSON). Both listen on
 * this machine only. Mails are kept in memory for as long as the stack runs.
 */
public final class LocalMailbox implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final GreenMail smtp;
    private final HttpServer web;
    private final ObjectMapper json = new ObjectMapper();

    private LocalMailbox(int smtpPort, int webPort) throws IOException {
        smtp = new GreenMail(new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            web = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), webPort), 16);
        } catch (IOException e) {
            smtp.stop();
            throw e;
        }
        web.createContext("/api/mails", exchange -> answer(exchange, "application/json",
                json.writeValueAsBytes(Map.of("items", mails()))));
        web.createContext("/", exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                answer(exchange, 404, "text/plain; charset=utf-8", "Not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            answer(exchange, "text/html; charset=utf-8", page().getBytes(StandardCharsets.UTF_8));
        });
        web.start();
    }

    /** Starts the SMTP server and the page; both on 127.0.0.1. */
    public static LocalMailbox start(int smtpPort, int webPort) throws IOException {
        return new LocalMailbox(smtpPort, webPort);
    }

    public String smtpHost() {
        return HOST;
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    /** The page listing the received mails. */
    public String url() {
        return "http://" + HOST + ":" + web.getAddress().getPort() + "/";
    }

    /** The mails received so far, newest first: id, messageId, from, to, subject, receivedAt, body. */
    public List<Map<String, Object>> mails() {
        MimeMessage[] received = smtp.getReceivedMessages();
        List<Map<String, Object>> mails = new ArrayList<>();
        for (int i = received.length - 1; i >= 0; i--) {
            mails.add(describe(i + 1, received[i]));
        }
        return mails;
    }

    private static Map<String, Object> describe(int id, MimeMessage message) {
        Map<String, Object> mail = new LinkedHashMap<>();
        try {
            mail.put("id", id);
            mail.put("messageId", message.getMessageID());
            mail.put("from", addresses(message.getFrom()));
            mail.put("to", addresses(message.getAllRecipients()));
            mail.put("subject", message.getSubject());
            Date received = message.getReceivedDate() != null ? message.getReceivedDate() : message.getSentDate();
            mail.put("receivedAt", received == null ? null : received.toInstant().toString());
            mail.put("body", GreenMailUtil.getBody(message));
        } catch (MessagingException e) {
            mail.put("error", "unreadable: " + e.getMessage());
        }
        return mail;
    }

    private static String addresses(Address[] addresses) {
        return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
    }

    private String page() {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local mailbox</title>
                <meta http-equiv="refresh" content="10">
                <style>body{font-family:sans-serif;margin:2em;max-width:60em}article{border-bottom:1px solid #ccc;padding:.5em 0}
                pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em}small{color:#555}</style></head><body>
                <h1>Local mailbox</h1><p>Every mail the helpdesk sent on this machine (newest first; the page reloads every
                10 s; as JSON: <a href="/api/mails">/api/mails</a>). Nothing leaves this machine.</p>
                """);
        List<Map<String, Object>> mails = mails();
        if (mails.isEmpty()) {
            html.append("<p><em>No mail yet.</em> Reply publicly on a contact's ticket to send one.</p>");
        }
        for (Map<String, Object> mail : mails) {
            html.append("<article><h2>").append(escape(mail.get("subject"))).append("</h2><small>to ")
                    .append(escape(mail.get("to"))).append(" &middot; from ").append(escape(mail.get("from")))
                    .append(" &middot; ").append(escape(mail.get("receivedAt"))).append(" &middot; ")
                    .append(escape(mail.get("messageId"))).append("</small><pre>").append(escape(mail.get("body")))
                    .append("</pre></article>");
        }
        return html.append("</body></html>").toString();
    }

    private static String escape(Object value) {
        String text = value == null ? "" : value.toString();
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void answer(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        answer(exchange, 200, contentType, body);
    }

    private static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        web.stop(0);
        smtp.stop();
    }
}
