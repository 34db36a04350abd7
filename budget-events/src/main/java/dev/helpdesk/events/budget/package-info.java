/**
 * The published language of the budget service on {@code helpdesk.budgets.v1}: one immutable record per event type,
 * the {@code data} of a {@link dev.helpdesk.events.EventEnvelope} whose subject is the organisation id;
 * {@link BudgetEventTypes} names them. See {@code docs/budget-events.md}.
 */
package dev.helpdesk.events.budget;
