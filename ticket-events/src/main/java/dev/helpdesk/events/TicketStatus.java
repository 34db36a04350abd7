package dev.helpdesk.events;

/** Ticket status. */
public enum TicketStatus { NEW, IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED, CLOSED }
