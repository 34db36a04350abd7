package dev.helpdesk.tickets.config;

/** Reads the {@code If-Match} header: a quoted (or bare, or weak) stream version, or none. */
public final class Versions {

    private Versions() {
    }

    public static Long fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            long version = Long.parseLong(value);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("If-Match", "If-Match must be an ETag given by this service, e.g. \"3\".");
        }
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
