package dev.helpdesk.sla.policy;

/** The targets of one severity as ISO-8601 durations; {@code resolution} null means none. */
public record TargetDocument(String firstResponse, String resolution) {
}
