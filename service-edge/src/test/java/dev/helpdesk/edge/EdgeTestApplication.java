package dev.helpdesk.edge;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A service as small as possible that uses the edge: its only own rule is that /api/admin/** needs the admin role. */
@SpringBootApplication
public class EdgeTestApplication {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, EdgeSecurity edge) throws Exception {
        return edge.filterChain(http, rules -> rules.requestMatchers("/api/admin/**").hasRole("admin"));
    }

    @RestController
    static class NotesController {

        final AtomicInteger created = new AtomicInteger();

        @PostMapping(path = "/api/notes", consumes = "application/json")
        ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> note) {
            int number = created.incrementAndGet();
            return ResponseEntity.created(URI.create("/api/notes/" + number)).eTag("\"1\"")
                    .body(Map.of("number", number, "text", note.get("text")));
        }

        @PostMapping(path = "/api/notes", consumes = "multipart/form-data")
        ResponseEntity<Map<String, Object>> upload(@RequestParam("file") MultipartFile file) {
            int number = created.incrementAndGet();
            return ResponseEntity.created(URI.create("/api/notes/" + number))
                    .body(Map.of("number", number, "size", file.getSize()));
        }

        @GetMapping("/api/notes")
        Map<String, Object> count() {
            return Map.of("created", created.get());
        }

        @GetMapping("/api/admin/notes")
        Map<String, Object> adminView() {
            return Map.of("created", created.get());
        }
    }
}
