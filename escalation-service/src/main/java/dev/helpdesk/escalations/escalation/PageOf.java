package dev.helpdesk.escalations.escalation;

import java.util.List;

/** A page of a list, as every list of the API answers: {@code {items, page, size, totalItems}}. */
public record PageOf<T>(List<T> items, int page, int size, long totalItems) {
}
