package dev.helpdesk.events.sla;

/** What an SLA clock measures. */
public enum SlaMetric { FIRST_RESPONSE, RESOLUTION }
