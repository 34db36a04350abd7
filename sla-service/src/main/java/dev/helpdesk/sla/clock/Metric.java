package dev.helpdesk.sla.clock;

/** What an SLA clock measures. */
public enum Metric { FIRST_RESPONSE, RESOLUTION }
