// Managers: open escalations with their acknowledgement deadlines counting down, acknowledgement, and the ladders.
import { h, replace, field, problemBox, announce } from '../dom.js';
import { get, post, api } from '../api.js';
import { duration, when, isoDuration } from '../format.js';

export async function escalationsView(main) {
  const region = h('div', { id: 'escalations' });
  const ladders = h('section', { id: 'ladders', 'aria-labelledby': 'ladders-heading' });
  const problems = h('div', { tabindex: '-1' });
  replace(main, h('h1', {}, 'Escalations'), problems, region, ladders);
  let items = [];
  const drafts = new Map();

  function countdown(e) {
    const left = Date.parse(e.acknowledgeBy) - Date.now();
    return h('span', { class: `countdown ${left < 0 ? 'breached' : left < 15 * 60000 ? 'at-risk' : ''}`, 'data-acknowledge-by': e.acknowledgeBy },
      left >= 0 ? `${duration(left)} left to acknowledge` : `acknowledgement overdue by ${duration(left)}`);
  }
  // One card per open escalation, kept across polls while it is unchanged: re-rendering every 3 s would take the
  // focus, the cursor and the text being typed away from a manager writing an action plan.
  const cards = new Map();
  const cardKey = (e) => `${e.id}|${e.level}|${e.acknowledgeBy}`;
  function card(e) {
    const plan = h('textarea', { id: `plan-${e.id}`, rows: '2', required: true, value: drafts.get(e.id) || '' });
    plan.addEventListener('input', () => drafts.set(e.id, plan.value));
    return h('li', { class: 'card', 'data-escalation-id': e.id },
      h('h2', {}, `Level ${e.level}: `, h('a', { href: `#/tickets/${e.ticketId}` }, `ticket ${e.ticketId.slice(0, 8)}`)),
      h('p', {}, `Raised ${when(e.raisedAt)} (${e.trigger}); `, countdown(e)),
      h('form', { onsubmit: async (ev) => {
        ev.preventDefault();
        try {
          await post(`/api/escalations/${e.id}/acknowledgement`, { actionPlan: plan.value.trim() });
          drafts.delete(e.id);
          announce('Escalation acknowledged.');
          await refresh();
        } catch (error) { replace(problems, problemBox(error)); problems.focus(); }
      } }, field('Action plan', plan), h('button', { type: 'submit' }, 'Acknowledge')));
  }
  function render() {
    if (!items.length) { cards.clear(); replace(region, h('p', {}, 'No open escalations.')); return; }
    const shown = items.map((e) => {
      const key = cardKey(e);
      if (!cards.has(key)) cards.set(key, card(e));
      return cards.get(key);
    });
    const keys = new Set(items.map(cardKey));
    [...cards.keys()].filter((key) => !keys.has(key)).forEach((key) => cards.delete(key));
    let list = region.querySelector('ul.cards');
    if (!list) { list = h('ul', { class: 'cards' }); replace(region, list); }
    // only cards out of place move (a moved element loses the focus)
    shown.forEach((li, i) => { if (list.children[i] !== li) list.insertBefore(li, list.children[i] || null); });
    while (list.children.length > shown.length) list.lastElementChild.remove();
  }
  async function refresh() {
    items = (await get('/api/escalations?state=OPEN')).items.sort((a, b) => Date.parse(a.acknowledgeBy) - Date.parse(b.acknowledgeBy));
    render();
  }
  const ticker = window.setInterval(() => region.querySelectorAll('.countdown').forEach((node) => {
    const e = items.find((x) => x.acknowledgeBy === node.dataset.acknowledgeBy);
    if (e) node.replaceWith(countdown(e));
  }), 1000);
  await refresh().catch((error) => replace(region, problemBox(error)));
  const docs = await Promise.all(['STANDARD', 'EXTENDED', 'DEDICATED'].map((plan) => api(`/api/escalations/ladders/${plan}`).catch(() => null)));
  replace(ladders, h('h2', { id: 'ladders-heading' }, 'Ladders'), docs.filter(Boolean).map((ladder) => h('table', { class: 'ladder' },
    h('caption', {}, ladder.plan),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Level'), h('th', { scope: 'col' }, 'Who'), h('th', { scope: 'col' }, 'Acknowledge within'))),
    h('tbody', {}, ladder.levels.map((l) => h('tr', {}, h('td', {}, l.level), h('td', {}, l.name), h('td', {}, isoDuration(l.acknowledgeWithin))))))));
  return { refresh, dispose: () => window.clearInterval(ticker) };
}
