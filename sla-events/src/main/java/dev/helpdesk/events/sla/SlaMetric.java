package dev.helpdesk.events.sla;

/**
 * What an SLA clock measures. {@code NEXT_REPLY} starts with each public comment of a contact and is met by the next
 * public reply of support. A consumer that meets a value it does not know skips the event (tolerant reader).
 */
public enum SlaMetric { FIRST_RESPONSE, RESOLUTION, NEXT_REPLY }
