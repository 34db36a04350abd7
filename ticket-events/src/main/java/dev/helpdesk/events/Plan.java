package dev.helpdesk.events;

/** The support plan of an organisation. */
public enum Plan { STANDARD, EXTENDED, DEDICATED }
