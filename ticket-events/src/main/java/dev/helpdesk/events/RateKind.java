package dev.helpdesk.events;

/** The hourly rate a time entry is charged at. */
public enum RateKind { STANDARD, CONSULTANCY }
