package dev.helpdesk.sla.config;

import java.util.Optional;

/** ETags of versioned resources ({@code "3"}) and the {@code If-Match} check of writes. */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Refuses the write when {@code If-Match} was sent and does not name the current version. */
    public static void requireMatch(String ifMatch, Optional<Long> currentVersion, String what) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*") && currentVersion.isPresent()) {
            return;
        }
        if (currentVersion.isEmpty() || !ifMatch.trim().replace("W/", "").equals(etag(currentVersion.get()))) {
            throw new ConflictException(what + " has changed since you read it (If-Match " + ifMatch.trim()
                    + ", current " + currentVersion.map(Versions::etag).orElse("none") + ").");
        }
    }
}
