package dev.helpdesk.webhooks.delivery;

import java.time.Instant;

/**
 * Published on {@code helpdesk.webhooks.v1} as {@code helpdesk.webhook.endpoint-disabled.v1} (key: the endpoint id)
 * when the service disables an endpoint after deliveries given up in a row (docs/webhooks.md).
 */
public record EndpointDisabledEvent(String endpointId, String organizationId, String url, int consecutiveFailures,
                                    String lastError, Instant disabledAt) {

    public static final String TYPE = "helpdesk.webhook.endpoint-disabled.v1";
}
