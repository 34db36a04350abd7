package dev.helpdesk.gateway.cors;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorsSettingsTest {

    @Test
    void takesExactOriginsAndIgnoresBlanks() {
        CorsSettings settings = new CorsSettings(List.of(" https://portal.example.org ", "", "http://localhost:3000"));
        assertThat(settings.allowedOrigins()).containsExactly("https://portal.example.org", "http://localhost:3000");
        assertThat(new CorsSettings(null).allowedOrigins()).isEmpty();
    }

    @Test
    void refusesWildcardsPathsAndOtherSchemes() {
        for (String origin : List.of("*", "https://*.example.org", "https://portal.example.org/app", "ftp://portal.example.org",
                "portal.example.org", "https://user@portal.example.org")) {
            assertThatThrownBy(() -> new CorsSettings(List.of(origin))).as(origin).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
