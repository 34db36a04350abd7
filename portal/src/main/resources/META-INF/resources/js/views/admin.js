// Admins: the organisations (listed by name, or opened by id), register one, its contacts (at most the plan's limit),
// support period and budget purchases.
import { h, replace, field, problemBox, options, announce } from '../dom.js';
import { get, post, api } from '../api.js';

export async function adminView(main) {
  const problems = h('div', { id: 'admin-problems', tabindex: '-1' });
  const detail = h('section', { id: 'organization', 'aria-live': 'polite' });
  let current = null;
  const fail = (error) => { replace(problems, problemBox(error)); problems.focus(); };
  const done = async (message) => { replace(problems); announce(message); await show(current.id); };

  async function show(id) {
    current = await get(`/api/organizations/${id}`);
    const o = current;
    const userId = h('input', { id: 'contact-user', required: true, autocomplete: 'off' });
    const name = h('input', { id: 'contact-name', required: true, autocomplete: 'off' });
    const email = h('input', { id: 'contact-email', type: 'email', required: true, autocomplete: 'off' });
    const start = h('input', { id: 'period-start', type: 'date', value: o.supportPeriod.start });
    const end = h('input', { id: 'period-end', type: 'date', value: o.supportPeriod.end });
    const amount = h('input', { id: 'purchase-amount', type: 'number', min: '0.01', step: '0.01', required: true });
    const full = o.contacts.length >= o.contactLimit;
    replace(detail, h('h2', {}, o.name),
      h('dl', { class: 'facts' }, h('dt', {}, 'Id'), h('dd', {}, o.id), h('dt', {}, 'Plan'), h('dd', {}, o.plan),
        h('dt', {}, 'Calendar'), h('dd', {}, `${o.calendar} (${o.timeZone})`),
        h('dt', {}, 'Budget'), h('dd', {}, o.budget ? `${o.budget.purchasedTotal} ${o.budget.currency}` : 'none')),
      h('h3', {}, `Contacts (${o.contacts.length} of at most ${o.contactLimit})`),
      h('ul', { id: 'contacts' }, o.contacts.map((c) => h('li', {}, `${c.name} <${c.email}> (${c.userId}) `,
        h('button', { type: 'button', class: 'secondary', onclick: () => api(`/api/organizations/${o.id}/contacts/${c.userId}`, { method: 'DELETE' }).then(() => done('Contact removed.'), fail) }, `Remove ${c.name}`)))),
      h('form', { id: 'contact-form', class: 'inline-form', onsubmit: (e) => { e.preventDefault(); post(`/api/organizations/${o.id}/contacts`, { userId: userId.value.trim(), name: name.value.trim(), email: email.value.trim() }).then(() => done('Contact added.'), fail); } },
        field('User id', userId), field('Name', name), field('Email', email),
        h('button', { type: 'submit' }, 'Add contact'), full ? h('p', { class: 'hint' }, 'The plan\'s limit is reached; the API will refuse another contact.') : null),
      h('h3', {}, 'Support period'),
      h('form', { id: 'period-form', class: 'inline-form', onsubmit: (e) => { e.preventDefault(); api(`/api/organizations/${o.id}/support-period`, { method: 'PUT', body: { start: start.value, end: end.value } }).then(() => done('Support period changed.'), fail); } },
        field('Start', start), field('End', end), h('button', { type: 'submit' }, 'Save period')),
      h('h3', {}, 'Budget purchase'),
      h('form', { id: 'purchase-form', class: 'inline-form', onsubmit: (e) => { e.preventDefault(); post(`/api/organizations/${o.id}/budget-purchases`, { amount: Number(amount.value), currency: o.budget ? o.budget.currency : 'EUR' }).then(() => done('Budget purchased.'), fail); } },
        field(`Amount (${o.budget ? o.budget.currency : 'EUR'})`, amount), h('button', { type: 'submit' }, 'Record purchase')));
  }

  const openId = h('input', { id: 'open-organization-id', required: true, autocomplete: 'off' });
  const orgName = h('input', { id: 'org-name', required: true, autocomplete: 'off' });
  const plan = h('select', { id: 'org-plan' }, options(['STANDARD', 'EXTENDED', 'DEDICATED'], 'STANDARD'));
  const calendar = h('select', { id: 'org-calendar' }, options(['BUSINESS_HOURS', 'TWENTY_FOUR_SEVEN'], 'BUSINESS_HOURS'));
  const zone = h('input', { id: 'org-zone', value: 'Europe/London', required: true });
  const today = new Date();
  const startDate = h('input', { id: 'org-start', type: 'date', value: today.toISOString().slice(0, 10) });
  const endDate = h('input', { id: 'org-end', type: 'date', value: new Date(today.getTime() + 365 * 86400000).toISOString().slice(0, 10) });
  const budget = h('input', { id: 'org-budget', type: 'number', min: '0', step: '0.01', value: '4000' });
  const list = h('div', { id: 'organizations' });
  async function listOrganizations() {
    const page = await get('/api/organizations?size=100');
    replace(list, page.items.length
      ? h('ul', { class: 'organization-list' }, page.items.map((o) => h('li', {},
        h('button', { type: 'button', class: 'link', 'data-organization-id': o.id, onclick: () => show(o.id).then(() => { replace(problems); detail.focus?.(); }, fail) }, o.name),
        ` ${o.plan}`)))
      : h('p', {}, 'No organisations yet.'),
      page.totalItems > page.items.length ? h('p', { class: 'hint' }, `The first ${page.items.length} of ${page.totalItems}; open any other by its id.`) : null);
  }
  replace(main, h('h1', {}, 'Organisations'), problems, list,
    h('form', { id: 'open-organization', class: 'inline-form', onsubmit: (e) => { e.preventDefault(); show(openId.value.trim()).then(() => replace(problems), fail); } },
      field('Organisation id', openId), h('button', { type: 'submit' }, 'Open')),
    detail,
    h('details', {}, h('summary', {}, 'Register an organisation'),
      h('form', { id: 'create-organization', onsubmit: (e) => {
        e.preventDefault();
        post('/api/organizations', { name: orgName.value.trim(), plan: plan.value, calendar: calendar.value, timeZone: zone.value.trim(),
          supportPeriod: { start: startDate.value, end: endDate.value },
          budget: { amount: Number(budget.value), currency: 'EUR', standardRate: 80, consultancyRate: 120 } })
          .then((o) => { replace(problems); announce('Organisation registered.'); listOrganizations().catch(fail); return show(o.id); }, fail);
      } }, field('Name', orgName), field('Plan', plan), field('Calendar', calendar), field('Time zone', zone),
      field('Support from', startDate), field('Support until', endDate), field('Budget (EUR; rates 80 and 120 per hour)', budget),
      h('button', { type: 'submit' }, 'Register'))));
  await listOrganizations().catch(fail);
  return { refresh: async () => { if (current && !main.contains(document.activeElement)) await show(current.id); } };
}
