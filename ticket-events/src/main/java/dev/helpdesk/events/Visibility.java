package dev.helpdesk.events;

/** Who may read a comment: everyone on the ticket, or support staff only. */
public enum Visibility { PUBLIC, INTERNAL }
