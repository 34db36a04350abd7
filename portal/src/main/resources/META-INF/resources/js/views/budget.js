// A contact's view of the organisation's support budget and its burn-down.
import { h, replace, problemBox } from '../dom.js';
import { get } from '../api.js';
import { line } from '../charts.js';

export async function budgetView(main, { user }) {
  const region = h('div', { id: 'budget' });
  replace(main, h('h1', {}, 'Support budget'), region);
  async function refresh() {
    const [budget, burndown] = await Promise.all([get(`/api/budgets/${user.organizationId}`),
      get(`/api/budgets/${user.organizationId}/burndown?interval=WEEK`)]);
    const points = burndown.points.map((p) => ({ label: p.periodStart, value: Number(p.remaining) }));
    replace(region, h('dl', { class: 'facts' },
      h('dt', {}, 'Purchased'), h('dd', {}, `${budget.purchased} ${budget.currency}`),
      h('dt', {}, 'Consumed'), h('dd', {}, `${budget.consumed} ${budget.currency} (${budget.percentUsed} %)`),
      h('dt', {}, 'Remaining'), h('dd', { id: 'budget-remaining' }, `${budget.remaining} ${budget.currency}`)),
    h('h2', {}, 'Burn-down (remaining per week)'),
    points.length ? line(points, `Remaining budget per week, from ${points[0].label}`) : h('p', { class: 'muted' }, 'No time logged yet.'),
    h('table', { class: 'visually-hidden' }, h('caption', {}, 'Burn-down data'),
      h('tr', {}, h('th', { scope: 'col' }, 'Week'), h('th', { scope: 'col' }, 'Consumed'), h('th', { scope: 'col' }, 'Remaining')),
      burndown.points.map((p) => h('tr', {}, h('td', {}, p.periodStart), h('td', {}, p.consumed), h('td', {}, p.remaining)))));
  }
  await refresh().catch((error) => replace(region, problemBox(error)));
  return { refresh };
}
