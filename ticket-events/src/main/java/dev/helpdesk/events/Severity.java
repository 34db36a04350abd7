package dev.helpdesk.events;

/** Ticket severity; S1 is the most severe. */
public enum Severity {
    S1, S2, S3, S4, S5;

    /** True when {@code other} is more severe than this (closer to S1). */
    public boolean isUpgradeTo(Severity other) {
        return other.ordinal() < ordinal();
    }
}
