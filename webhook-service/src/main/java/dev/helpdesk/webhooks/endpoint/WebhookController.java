package dev.helpdesk.webhooks.endpoint;

import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.paging.Page;
import dev.helpdesk.edge.paging.PageRequest;
import dev.helpdesk.edge.version.ETags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

/** Webhook endpoints and their delivery logs; admins only (docs/webhooks.md). */
@RestController
@RequestMapping("/api/webhooks")
@Tag(name = "Webhooks", description = "Endpoints that receive the desk's events, signed per Standard Webhooks")
public class WebhookController {

    private final Endpoints endpoints;
    private final EndpointRepository repository;

    public WebhookController(Endpoints endpoints, EndpointRepository repository) {
        this.endpoints = endpoints;
        this.repository = repository;
    }

    @GetMapping
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "The registered endpoints (admins), optionally of one organisation")
    public Page<EndpointView> list(Caller caller,
                                   @Parameter(description = "Only endpoints of this organisation")
                                   @RequestParam(required = false) String organizationId,
                                   @Valid @ParameterObject PageRequest paging) {
        return repository.list(caller.scope(organizationId), paging);
    }

    @PostMapping
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Register an endpoint (admins); the answer carries its signing secret, shown this once",
            description = "The URL must be https and resolve to public addresses only (422 url-not-https, "
                    + "url-not-public, url-unresolvable; docs/webhooks.md, \"SSRF rule\").")
    @ApiResponse(responseCode = "201", description = "The endpoint and its secret, with Location and ETag")
    public ResponseEntity<CreatedEndpointView> register(Caller caller, @Valid @RequestBody EndpointRequest request) {
        CreatedEndpointView created = endpoints.register(request, caller.userId());
        return ResponseEntity.created(URI.create("/api/webhooks/" + created.id()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "One endpoint (admins), without its secret")
    public ResponseEntity<EndpointView> get(@PathVariable UUID id) {
        Endpoint endpoint = endpoints.get(id);
        return ResponseEntity.ok().eTag(ETags.of(endpoint.version())).body(EndpointView.of(endpoint));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Replace an endpoint's URL, event types, organisation and state (admins); "
            + "switching it on again clears its failures")
    public ResponseEntity<EndpointView> replace(@PathVariable UUID id, @Valid @RequestBody EndpointRequest request,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Endpoint endpoint = endpoints.replace(id, request, ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(endpoint.version())).body(EndpointView.of(endpoint));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Remove an endpoint and its delivery log (admins); nothing more is sent to it")
    @ApiResponse(responseCode = "204", description = "Removed")
    public ResponseEntity<Void> delete(@PathVariable UUID id,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        endpoints.delete(id, ifMatch);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    @PostMapping("/{id}/secret")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Rotate the signing secret (admins); the new one is shown this once, the previous one "
            + "keeps signing alongside for helpdesk.webhooks.secret-overlap")
    public ResponseEntity<RotatedSecretView> rotate(@PathVariable UUID id,
                                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        RotatedSecretView rotated = endpoints.rotate(id, ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(rotated.version())).body(rotated);
    }

    @GetMapping("/{id}/deliveries")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "The endpoint's delivery log, newest first (admins)")
    public Page<DeliveryView> deliveries(Caller caller, @PathVariable UUID id,
                                         @Valid @ParameterObject PageRequest paging) {
        Endpoint endpoint = endpoints.get(id);
        return repository.deliveries(endpoint.id(), caller.scope(endpoint.organizationId()), paging);
    }
}
