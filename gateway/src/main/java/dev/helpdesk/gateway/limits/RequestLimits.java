package dev.helpdesk.gateway.limits;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code helpdesk.gateway.*} limits on a request (environment variables {@code HELPDESK_GATEWAY_MAX_*}).
 *
 * @param maxUriLength   the longest request line's URI (414 above)
 * @param maxHeaderSize  the largest header block (431 above)
 * @param maxRequestSize the largest body (413 above)
 */
@Validated
@ConfigurationProperties("helpdesk.gateway")
public record RequestLimits(@Min(1) int maxUriLength, DataSize maxHeaderSize, DataSize maxRequestSize) {

    public RequestLimits {
        maxUriLength = maxUriLength == 0 ? 4096 : maxUriLength;
        maxHeaderSize = maxHeaderSize == null ? DataSize.ofKilobytes(8) : maxHeaderSize;
        maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(12) : maxRequestSize;
        if (maxHeaderSize.toBytes() < 1 || maxRequestSize.toBytes() < 1) {
            throw new IllegalArgumentException("helpdesk.gateway.max-header-size and max-request-size must be positive");
        }
    }
}
