/**
 * The published language of the escalation service on {@code helpdesk.escalations.v1}: one immutable record per
 * event type, the {@code data} of a {@link dev.helpdesk.events.EventEnvelope} whose subject is the ticket id;
 * {@link EscalationEventTypes} names them. See {@code docs/escalation-events.md}.
 */
package dev.helpdesk.events.escalation;
