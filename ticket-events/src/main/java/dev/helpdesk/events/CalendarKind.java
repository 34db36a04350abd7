package dev.helpdesk.events;

/** The coverage calendar of an organisation. */
public enum CalendarKind { BUSINESS_HOURS, TWENTY_FOUR_SEVEN }
