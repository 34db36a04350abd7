package dev.helpdesk.escalations.config;

import java.util.Arrays;

/** ETags are the resource's version ({@code "3"}); {@code If-Match} must name it (or be {@code *}). */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** True when there is no {@code If-Match} header or it names {@code version}. */
    public static boolean matches(String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return true;
        }
        return Arrays.stream(ifMatch.split(","))
                .map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag(version)));
    }

    public static ApiException stale() {
        return ApiException.conflict("The resource changed since you read it (If-Match does not match its ETag).");
    }
}
