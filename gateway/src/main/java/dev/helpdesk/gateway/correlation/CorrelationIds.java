package dev.helpdesk.gateway.correlation;

import java.util.UUID;
import java.util.regex.Pattern;

/** The correlation id a request carries: the caller's when it is safe to log and forward, else a new one. */
public final class CorrelationIds {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private CorrelationIds() {
    }

    public static String resolve(String incoming) {
        return incoming != null && SAFE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }
}
