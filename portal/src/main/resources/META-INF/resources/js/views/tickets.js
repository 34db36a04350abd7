// A contact's view of their organisation's tickets: status, severity and the time left on each SLA target.
import { h, replace, problemBox } from '../dom.js';
import { get, query } from '../api.js';
import { slasOf, clockCell, statusBadge, severityBadge } from './common.js';

export async function ticketListView(main, { user }) {
  const region = h('div', { id: 'ticket-list', 'aria-live': 'off' });
  replace(main, h('div', { class: 'title-row' }, h('h1', {}, "Your organisation's tickets"),
    h('a', { class: 'button', href: '#/tickets/new', id: 'open-ticket-link' }, 'Open a ticket')), region);

  async function refresh() {
    const page = await get(`/api/tickets${query({ organizationId: user.organizationId, size: 100 })}`);
    const items = page.items;
    const slas = items.length ? await slasOf(items.map((t) => t.id)).catch(() => items.map(() => null)) : [];
    if (!items.length) {
      replace(region, h('p', {}, 'No tickets yet. ', h('a', { href: '#/tickets/new' }, 'Open the first one')));
      return;
    }
    replace(region, h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Tickets' },
      h('table', { class: 'tickets' },
        h('caption', { class: 'visually-hidden' }, 'Tickets, newest first, with the time left before each SLA target'),
        h('thead', {}, h('tr', {}, ['Ticket', 'Title', 'Status', 'Severity', 'First response', 'Resolution']
          .map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, items.map((t, i) => h('tr', { 'data-ticket-id': t.id },
          h('td', {}, h('a', { href: `#/tickets/${t.id}` }, t.key)),
          h('td', {}, t.title),
          h('td', {}, statusBadge(t.status)),
          h('td', {}, severityBadge(t.severity)),
          h('td', {}, clockCell(slas[i], 'FIRST_RESPONSE')),
          h('td', {}, clockCell(slas[i], 'RESOLUTION'))))))));
  }
  try {
    await refresh();
  } catch (error) {
    replace(region, problemBox(error));
  }
  return { refresh };
}
