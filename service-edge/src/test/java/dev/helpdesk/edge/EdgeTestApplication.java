package dev.helpdesk.edge;

import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.paging.Page;
import dev.helpdesk.edge.paging.PageRequest;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.edge.version.ETags;
import dev.helpdesk.edge.version.IfMatch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service as small as possible that uses the edge: its only own path rule is that /api/admin/** needs the admin
 * role; {@code POST /api/things/standard} is for admins by method security (enabled by the edge, not here).
 * Its things belong to organisations ({@code org-1} or {@code org-2}), are at version 3 and have a paged list.
 */
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

    enum Kind { SMALL, LARGE }

    record Thing(@NotBlank String name, @NotNull Kind kind) {
    }

    @RestController
    static class ThingsController {

        @PostMapping(path = "/api/things", consumes = "application/json")
        ResponseEntity<Thing> create(@Valid @RequestBody Thing thing) {
            return ResponseEntity.created(URI.create("/api/things/1")).body(thing);
        }

        /** Guarded by method security only (no path rule), as the services' admin writes are. */
        @PostMapping(path = "/api/things/standard", consumes = "application/json")
        @PreAuthorize("hasRole('admin')")
        ResponseEntity<Thing> createStandard(@Valid @RequestBody Thing thing) {
            return ResponseEntity.created(URI.create("/api/things/standard")).body(thing);
        }

        @GetMapping("/api/things")
        Page<Integer> list(@Valid @ParameterObject PageRequest paging) {
            return Page.of(IntStream.range(0, 120).boxed().toList(), paging);
        }

        @GetMapping("/api/things/{organizationId}")
        ResponseEntity<Map<String, Object>> get(@PathVariable String organizationId, Caller caller) {
            if (organizationId.equals("boom")) {
                throw new IllegalStateException("SELECT secret FROM internals");
            }
            if (!List.of("org-1", "org-2").contains(organizationId)) {
                throw ProblemException.notFound("Thing not found.");
            }
            caller.requireReadable(organizationId, "Thing");
            return ResponseEntity.ok().eTag(ETags.of(3)).body(Map.of("organizationId", organizationId, "reader", caller.userId()));
        }

        @PutMapping(path = "/api/things/{organizationId}", consumes = "application/json")
        ResponseEntity<Thing> replace(@PathVariable String organizationId, @Valid @RequestBody Thing thing,
                                      @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
            IfMatch.parse(ifMatch).require(3, "Thing " + organizationId);
            return ResponseEntity.ok().eTag(ETags.of(4)).body(thing);
        }
    }
}
