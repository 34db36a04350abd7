// The agents' queue: open tickets of every organisation, nearest SLA target first, breached and at-risk marked.
import { h, replace, field, problemBox, options } from '../dom.js';
import { get, query } from '../api.js';
import { SEVERITIES, STATUSES, STATUS_LABELS, TYPES, when } from '../format.js';
import { slasOf, clockCell, statusBadge, severityBadge, worstRisk } from './common.js';

const OPEN = ['NEW', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER'];
const RISK_LABEL = { breached: 'Breached', 'at-risk': 'At risk', ok: '' };

export async function queueView(main) {
  const filters = {
    organizationId: h('input', { id: 'filter-organization', autocomplete: 'off', placeholder: 'any' }),
    status: h('select', { id: 'filter-status' }, h('option', { value: '' }, 'Open (new, in progress, waiting)'), options(STATUSES, '', STATUS_LABELS)),
    severity: h('select', { id: 'filter-severity' }, h('option', { value: '' }, 'Any'), options(SEVERITIES, '')),
    type: h('select', { id: 'filter-type' }, h('option', { value: '' }, 'Any'), options(TYPES, '')),
    assignee: h('input', { id: 'filter-assignee', autocomplete: 'off', placeholder: 'anyone' }),
  };
  const region = h('div', { id: 'queue' });
  const form = h('form', { id: 'queue-filters', class: 'filters', onsubmit: (e) => { e.preventDefault(); refresh().catch((err) => replace(region, problemBox(err))); } },
    field('Organisation id', filters.organizationId), field('Status', filters.status), field('Severity', filters.severity),
    field('Type', filters.type), field('Assignee', filters.assignee), h('button', { type: 'submit' }, 'Filter'));
  replace(main, h('h1', {}, 'Queue'), h('p', { class: 'muted' }, 'Open tickets of every organisation, the nearest SLA target first.'), form, region);

  async function refresh() {
    const params = {
      organizationId: filters.organizationId.value.trim(), status: filters.status.value, severity: filters.severity.value,
      type: filters.type.value, assignee: filters.assignee.value.trim(), sort: 'sla', size: 200,
    };
    // The API orders: breached targets first (longest overdue ahead), then the nearest target ahead, then tickets
    // without one (paused, met, resolved). Open tickets therefore lead the page; the clocks of the shown tickets are read in one request.
    const page = await get(`/api/tickets${query(params)}`);
    const tickets = page.items.filter((t) => params.status || OPEN.includes(t.status)).slice(0, 60);
    const slas = tickets.length ? await slasOf(tickets.map((t) => t.id)).catch(() => tickets.map(() => null)) : [];
    const rows = tickets.map((t, i) => ({ t, sla: slas[i], risk: worstRisk(slas[i]) }));
    if (!rows.length) {
      replace(region, h('p', {}, 'No tickets match.'));
      return;
    }
    replace(region, h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Queue' }, h('table', { class: 'queue' },
      h('caption', { class: 'visually-hidden' }, 'Tickets ordered by the nearest SLA target'),
      h('thead', {}, h('tr', {}, ['Ticket', 'Risk', 'Title', 'Organisation', 'Status', 'Severity', 'Assignee', 'First response', 'Resolution', 'Opened']
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map(({ t, sla, risk }) => h('tr', { class: `risk-${risk}`, 'data-ticket-id': t.id, 'data-risk': risk },
        h('td', {}, h('a', { href: `#/tickets/${t.id}` }, t.key)),
        h('td', {}, RISK_LABEL[risk] ? h('span', { class: `badge ${risk}` }, RISK_LABEL[risk]) : ''),
        h('td', {}, t.title), h('td', { class: 'org' }, t.organizationId.slice(0, 8)),
        h('td', {}, statusBadge(t.status)), h('td', {}, severityBadge(t.severity)), h('td', {}, t.assignee || '—'),
        h('td', {}, clockCell(sla, 'FIRST_RESPONSE')), h('td', {}, clockCell(sla, 'RESOLUTION')), h('td', {}, when(t.openedAt))))))));
  }
  await refresh().catch((error) => replace(region, problemBox(error)));
  return { refresh };
}
