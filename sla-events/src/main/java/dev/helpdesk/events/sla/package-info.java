/**
 * The published language of the SLA service on {@code helpdesk.sla.v1}: one immutable record per event type, the
 * {@code data} of a {@link dev.helpdesk.events.EventEnvelope}; {@link SlaEventTypes} names them. Every event carries
 * the ticket id, the organisation id, the metric and the ticket's severity. See {@code docs/sla-events.md}.
 */
package dev.helpdesk.events.sla;
