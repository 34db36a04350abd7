package dev.helpdesk.escalations.domain;

/** Why a proposed ladder is not acceptable, naming the offending field ({@code levels[1].name}). */
public record LadderViolation(String field, String message) {
}
