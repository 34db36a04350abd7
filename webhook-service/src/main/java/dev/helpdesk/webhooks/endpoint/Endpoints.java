package dev.helpdesk.webhooks.endpoint;

import dev.helpdesk.edge.problem.FieldError;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.edge.version.IfMatch;
import dev.helpdesk.webhooks.config.WebhookProperties;
import dev.helpdesk.webhooks.domain.DestinationRule;
import dev.helpdesk.webhooks.domain.EventCatalogue;
import dev.helpdesk.webhooks.domain.WebhookSecret;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** Registers, changes, rotates and removes endpoints: checks the request, then writes. */
@Service
public class Endpoints {

    private final EndpointRepository repository;
    private final DestinationRule destinations;
    private final WebhookProperties properties;
    private final Clock clock;

    public Endpoints(EndpointRepository repository, DestinationRule destinations, WebhookProperties properties,
                     Clock clock) {
        this.repository = repository;
        this.destinations = destinations;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public CreatedEndpointView register(EndpointRequest request, String createdBy) {
        EndpointRequest checked = check(request);
        Instant now = clock.instant();
        WebhookSecret secret = WebhookSecret.generate();
        Endpoint endpoint = new Endpoint(UUID.randomUUID(), checked.url(), checked.eventTypes(),
                checked.organizationId(), checked.activeOrDefault(), secret.value(), null, null, 0, null, null,
                createdBy, now, now, 0);
        repository.insert(endpoint);
        return CreatedEndpointView.of(EndpointView.of(endpoint), secret.value());
    }

    public Endpoint get(UUID id) {
        return repository.find(id).orElseThrow(Endpoints::notFound);
    }

    @Transactional
    public Endpoint replace(UUID id, EndpointRequest request, String ifMatch) {
        IfMatch expected = IfMatch.parse(ifMatch);
        EndpointRequest checked = check(request);
        Endpoint current = repository.lock(id).orElseThrow(Endpoints::notFound);
        expected.require(current.version(), "Webhook");
        repository.replace(id, current.version(), checked, clock.instant());
        return get(id);
    }

    @Transactional
    public RotatedSecretView rotate(UUID id, String ifMatch) {
        IfMatch expected = IfMatch.parse(ifMatch);
        Endpoint current = repository.lock(id).orElseThrow(Endpoints::notFound);
        expected.require(current.version(), "Webhook");
        Instant now = clock.instant();
        WebhookSecret secret = WebhookSecret.generate();
        Instant previousUntil = now.plus(properties.secretOverlap());
        repository.rotate(id, current.version(), secret.value(), previousUntil, now);
        return new RotatedSecretView(id, secret.value(), previousUntil, current.version() + 1);
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        IfMatch expected = IfMatch.parse(ifMatch);
        Endpoint current = repository.lock(id).orElseThrow(Endpoints::notFound);
        expected.require(current.version(), "Webhook");
        repository.delete(id, current.version());
    }

    /** Field rules first (400), then where the URL leads (422); event types de-duplicated in their given order. */
    private EndpointRequest check(EndpointRequest request) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.eventTypes().size(); i++) {
            if (!EventCatalogue.deliverable(request.eventTypes().get(i))) {
                errors.add(new FieldError("eventTypes[" + i + "]", "is not an event type webhooks deliver"));
            }
        }
        DestinationRule.Verdict verdict = destinations.check(request.url().strip());
        if (verdict.refusal() == DestinationRule.Refusal.MALFORMED) {
            errors.add(new FieldError("url", verdict.message()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (!verdict.accepted()) {
            String reason = switch (verdict.refusal()) {
                case NOT_HTTPS -> "url-not-https";
                case UNRESOLVABLE -> "url-unresolvable";
                default -> "url-not-public";
            };
            throw ProblemException.businessRule(reason, verdict.message());
        }
        return new EndpointRequest(request.url().strip(), List.copyOf(new LinkedHashSet<>(request.eventTypes())),
                request.organizationId(), request.activeOrDefault());
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("Webhook not found.");
    }
}
