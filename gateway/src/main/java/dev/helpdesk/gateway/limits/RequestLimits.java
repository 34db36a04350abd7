package dev.helpdesk.gateway.limits;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code helpdesk.gateway.*} limits on a request (environment variables {@code HELPDESK_GATEWAY_MAX_*}).
 *
 * @param maxUriLength    the longest request line's URI (414 above)
 * @param maxHeaderSize   the largest header block (431 above)
 * @param maxRequestSize  the largest body of an attachment upload, {@code POST /api/tickets/{id}/attachments}
 *                        (413 above)
 * @param maxJsonBodySize the largest body of every other request: the rest of the API takes small JSON documents
 *                        (413 above; at most {@code maxRequestSize})
 * @param maxCommandAnswerSize the largest answer to a command the gateway holds until it is whole (502 above;
 *                        {@code WholeAnswerFilter})
 */
@Validated
@ConfigurationProperties("helpdesk.gateway")
public record RequestLimits(@Min(1) int maxUriLength, DataSize maxHeaderSize, DataSize maxRequestSize,
                            DataSize maxJsonBodySize, DataSize maxCommandAnswerSize) {

    public RequestLimits {
        maxUriLength = maxUriLength == 0 ? 4096 : maxUriLength;
        maxHeaderSize = maxHeaderSize == null ? DataSize.ofKilobytes(8) : maxHeaderSize;
        maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(12) : maxRequestSize;
        maxJsonBodySize = maxJsonBodySize == null ? DataSize.ofKilobytes(64) : maxJsonBodySize;
        maxCommandAnswerSize = maxCommandAnswerSize == null ? DataSize.ofMegabytes(16) : maxCommandAnswerSize;
        if (maxCommandAnswerSize.toBytes() < 1 || maxCommandAnswerSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("helpdesk.gateway.max-command-answer-size must be between 1B and 2GB");
        }
        if (maxHeaderSize.toBytes() < 1 || maxRequestSize.toBytes() < 1 || maxJsonBodySize.toBytes() < 1) {
            throw new IllegalArgumentException(
                    "helpdesk.gateway.max-header-size, max-request-size and max-json-body-size must be positive");
        }
        if (maxJsonBodySize.toBytes() > maxRequestSize.toBytes()) {
            throw new IllegalArgumentException(
                    "helpdesk.gateway.max-json-body-size must not be larger than max-request-size");
        }
    }
}
