package dev.helpdesk.events;

/** How a ticket reached support. */
public enum Channel { PORTAL, EMAIL, PHONE }
