package dev.helpdesk.edge.version;

/** The {@code ETag} of a versioned resource: its stream version as a strong tag, {@code "3"}. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }
}
