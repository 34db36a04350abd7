/**
 * The published language of the ticket service. Records here are immutable, past tense, versioned by their
 * CloudEvents type name, and carry ids and values only. See {@code docs/events.md}.
 */
package dev.helpdesk.events;
