package dev.helpdesk.events;

/** Which side of the desk acted: the customer's contact, support staff, or the system itself. */
public enum ActorKind { CONTACT, STAFF, SYSTEM }
