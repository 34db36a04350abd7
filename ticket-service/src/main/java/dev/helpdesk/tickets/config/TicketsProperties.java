package dev.helpdesk.tickets.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code helpdesk.tickets.*}, the ticket-service's own settings (environment variables {@code HELPDESK_TICKETS_*}).
 *
 * @param instanceId  owner name of this instance's Axon token claims (empty: a random one)
 * @param publishing  whether this instance runs the Kafka publisher
 * @param attachments attachment limits
 * @param views       how writes wait for their view
 * @param topic       partitions and replicas of helpdesk.tickets.v1 when this service creates it
 */
@Validated
@ConfigurationProperties("helpdesk.tickets")
public record TicketsProperties(String instanceId, @Valid @NotNull Publishing publishing,
                                @Valid @NotNull Attachments attachments, @Valid @NotNull Views views,
                                @Valid @NotNull Topic topic) {

    public TicketsProperties {
        instanceId = instanceId == null ? "" : instanceId;
        publishing = publishing == null ? new Publishing(true) : publishing;
        attachments = attachments == null ? new Attachments(10_485_760, 1L << 30) : attachments;
        views = views == null ? new Views(Duration.ofSeconds(3)) : views;
        topic = topic == null ? new Topic(3, (short) 1) : topic;
    }

    /** @param enabled false runs this instance without the Kafka publisher (another instance publishes) */
    public record Publishing(boolean enabled) {
    }

    /**
     * @param maxBytes   the largest attachment accepted (413 above)
     * @param quotaBytes the attachment bytes one organisation may add in all (422 {@code attachment-quota} above)
     */
    public record Attachments(@Min(1) long maxBytes, @Min(1) long quotaBytes) {
    }

    /** @param catchUpTimeout how long a write waits for the ticket view to show its own change */
    public record Views(@NotNull Duration catchUpTimeout) {

        public Views {
            if (catchUpTimeout != null && catchUpTimeout.isNegative()) {
                throw new IllegalArgumentException("helpdesk.tickets.views.catch-up-timeout must not be negative");
            }
        }
    }

    /** Partitions and replicas of the topic this service publishes. */
    public record Topic(@Min(1) @Max(1_000) int partitions, @Min(1) @Max(10) short replicas) {
    }
}
