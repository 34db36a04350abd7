package dev.helpdesk.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The local mailbox takes mails over SMTP and shows them on its page and as JSON, on this machine only. */
class LocalMailboxTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalMailbox mailbox;

    @AfterEach
    void stop() {
        if (mailbox != null) {
            mailbox.close();
        }
    }

    @Test
    void showsEveryReceivedMailNewestFirstWithItsTextEscaped() throws Exception {
        mailbox = LocalMailbox.start(Ports.findFree(), Ports.findFree());
        assertThat(mailbox.url()).startsWith("http://127.0.0.1:");
        ServerSetup smtp = new ServerSetup(mailbox.smtpPort(), mailbox.smtpHost(), ServerSetup.PROTOCOL_SMTP);

        assertThat(get("").body()).contains("No mail yet");
        GreenMailUtil.sendTextEmail("alice@academy.example", "helpdesk@localhost", "[HD-1] first", "Hello Alice", smtp);
        GreenMailUtil.sendTextEmail("bob@academy.example", "helpdesk@localhost", "[HD-2] <script>x</script>",
                "Body with <b>tags</b>", smtp);

        HttpResponse<String> page = get("");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("[HD-1] first", "Hello Alice", "alice@academy.example",
                "&lt;script&gt;x&lt;/script&gt;", "&lt;b&gt;tags&lt;/b&gt;").doesNotContain("<script>x");
        assertThat(page.body().indexOf("[HD-2]")).isLessThan(page.body().indexOf("[HD-1]"));

        JsonNode mails = new ObjectMapper().readTree(get("api/mails").body()).path("items");
        assertThat(mails).hasSize(2);
        assertThat(mails.get(1).path("to").asText()).isEqualTo("alice@academy.example");
        assertThat(mails.get(1).path("subject").asText()).isEqualTo("[HD-1] first");
        assertThat(mails.get(1).path("body").asText()).contains("Hello Alice");
        assertThat(get("elsewhere").statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(mailbox.url()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(405);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(mailbox.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
