// Pieces several views share: SLA clocks of tickets, status badges, small forms.
import { h } from '../dom.js';
import { get } from '../api.js';
import { clockText, clockRisk, METRICS, STATUS_LABELS } from '../format.js';

/** The SLA document of a ticket, or null while the sla-service has not seen it yet. */
export async function slaOf(ticketId) {
  try {
    return await get(`/api/sla/tickets/${ticketId}`);
  } catch (error) {
    if (error.status === 404) return null;
    throw error;
  }
}

/**
 * The SLA documents of a list of tickets in one request per hundred (GET /api/sla/tickets?ticketId=a,b,...), in the
 * order of the tickets; null where the sla-service has not seen the ticket yet.
 */
export async function slasOf(ticketIds) {
  const found = new Map();
  for (let i = 0; i < ticketIds.length; i += 100) {
    const ids = ticketIds.slice(i, i + 100);
    const list = await get(`/api/sla/tickets?ticketId=${ids.map(encodeURIComponent).join(',')}`);
    list.items.forEach((sla) => found.set(sla.ticketId, sla));
  }
  return ticketIds.map((id) => found.get(id) || null);
}

export function clockCell(sla, metric) {
  const clock = sla && sla.clocks.find((c) => c.metric === metric);
  if (!clock) return h('span', { class: 'muted' }, sla ? '—' : 'starting…');
  const risk = clockRisk(clock);
  return h('span', { class: `clock ${risk} state-${clock.state.toLowerCase()}`, 'data-metric': metric, 'data-state': clock.state },
    risk === 'breached' ? '⚠ ' : risk === 'at-risk' ? '⏳ ' : '', clockText(clock));
}

export function statusBadge(status) {
  return h('span', { class: `badge status-${status.toLowerCase()}`, 'data-status': status }, STATUS_LABELS[status] || status);
}

export function severityBadge(severity) {
  return h('span', { class: `badge severity-${severity.toLowerCase()}` }, severity);
}

export function worstRisk(sla) {
  if (!sla) return 'ok';
  const risks = sla.clocks.map(clockRisk);
  return risks.includes('breached') ? 'breached' : risks.includes('at-risk') ? 'at-risk' : 'ok';
}

export { METRICS };
