// Analysts: SLA compliance per organisation and period as a chart, a simulation against a policy, the event
// history, and projection replays with their progress.
import { h, replace, field, problemBox, options } from '../dom.js';
import { api, get, post, query } from '../api.js';
import { percentBars } from '../charts.js';
import { when } from '../format.js';

export async function analystView(main) {
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10);
  const org = h('input', { id: 'compliance-org', required: true, autocomplete: 'off' });
  const from = h('input', { id: 'compliance-from', type: 'date', value: monthAgo });
  const to = h('input', { id: 'compliance-to', type: 'date', value: today });
  const compliance = h('div', { id: 'compliance' });
  const simPolicy = h('select', { id: 'sim-policy' });
  const simulation = h('div', { id: 'simulation' });
  const events = h('div', { id: 'events' });
  const replayService = h('select', { id: 'replay-service' }, options(['tickets', 'sla', 'escalations', 'budgets'], 'tickets'));
  const replay = h('div', { id: 'replay', 'aria-live': 'polite' });
  const PROJECTIONS = { tickets: 'ticket-views', sla: 'sla-clocks', escalations: 'escalations', budgets: 'budgets' };
  let running = null;
  let after = -1;

  replace(main, h('h1', {}, 'SLA and events'),
    h('section', { 'aria-labelledby': 'compliance-heading' }, h('h2', { id: 'compliance-heading' }, 'SLA compliance'),
      h('form', { id: 'compliance-form', class: 'inline-form', onsubmit: (e) => { e.preventDefault(); showCompliance(); } },
        field('Organisation id', org), field('From', from), field('To', to), h('button', { type: 'submit' }, 'Show')), compliance),
    h('section', { 'aria-labelledby': 'simulation-heading' }, h('h2', { id: 'simulation-heading' }, 'What if: simulate a policy'),
      h('form', { id: 'simulation-form', class: 'inline-form', onsubmit: (e) => { e.preventDefault(); simulate(); } },
        field('Policy', simPolicy, 'Replays the period\'s tickets (organisation and dates above) under this policy.'), h('button', { type: 'submit' }, 'Simulate')), simulation),
    h('section', { 'aria-labelledby': 'events-heading' }, h('h2', { id: 'events-heading' }, 'Event history'),
      h('button', { type: 'button', id: 'more-events', onclick: () => loadEvents() }, 'Load the next 50 events'), events),
    h('section', { 'aria-labelledby': 'replay-heading' }, h('h2', { id: 'replay-heading' }, 'Projection replay'),
      h('form', { id: 'replay-form', class: 'inline-form', onsubmit: (e) => { e.preventDefault(); startReplay(); } },
        field('Service', replayService), h('button', { type: 'submit' }, 'Rebuild its projection')), replay));

  async function showCompliance() {
    try {
      const report = await get(`/api/sla/reports/compliance${query({ organizationId: org.value.trim(), from: from.value, to: to.value })}`);
      const rows = report.items.map((line) => ({
        label: `${line.metric} ${line.severity} (${line.met} met, ${line.breached} breached)`, value: Number(line.metPercent || 0), kind: 'met' }));
      replace(compliance, rows.length ? percentBars(rows, 'Share of SLA targets met per metric and severity') : h('p', {}, 'No clocks in this period.'),
        h('details', {}, h('summary', {}, 'The report as data'), h('pre', {}, JSON.stringify(report, null, 2))));
    } catch (error) { replace(compliance, problemBox(error)); }
  }
  // The simulation answers in pages of at most 5,000 tickets; the portal reads up to MAX_SIMULATION_PAGES of them
  // and adds their totals up, saying how many of the range's tickets that covered.
  const MAX_SIMULATION_PAGES = 10;
  async function simulate() {
    try {
      const request = { policy: simPolicy.value, from: from.value, to: to.value, organizationId: org.value.trim() || undefined };
      const actual = {};
      const simulated = {};
      let considered = 0;
      let result = null;
      let pages = 0;
      do {
        result = await post('/api/sla/simulations', result && result.next ? { ...request, after: result.next } : request);
        pages += 1;
        considered += result.considered;
        for (const [state, count] of Object.entries(result.actual || {})) actual[state] = (actual[state] || 0) + count;
        for (const [state, count] of Object.entries(result.simulated || {})) simulated[state] = (simulated[state] || 0) + count;
      } while (result.next && pages < MAX_SIMULATION_PAGES);
      const states = [...new Set([...Object.keys(actual), ...Object.keys(simulated)])];
      const covered = considered < result.ticketsInRange
        ? `${considered} of the range's ${result.ticketsInRange} tickets (narrow the range or name an organisation for the rest)`
        : `${considered} tickets`;
      replace(simulation, h('table', { id: 'simulation-result' },
        h('caption', {}, `${covered} under "${result.policyId}" against what happened`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Clock state'), h('th', { scope: 'col' }, 'What happened'), h('th', { scope: 'col' }, 'Under this policy'))),
        h('tbody', {}, states.map((state) => h('tr', {}, h('th', { scope: 'row' }, state),
          h('td', {}, actual[state] || 0), h('td', {}, simulated[state] || 0))))));
    } catch (error) { replace(simulation, problemBox(error)); }
  }
  async function loadEvents() {
    try {
      const page = await get(`/api/events?after=${after}&limit=50`);
      after = page.next;
      events.append(h('ol', { class: 'events' }, page.items.map((e) => h('li', {}, `#${e.position} ${when(e.occurredAt)} ${e.type} on ${e.aggregateType} ${e.aggregateId.slice(0, 8)} by ${e.actor || '?'}`))));
      if (!page.items.length) events.append(h('p', {}, 'No more events.'));
    } catch (error) { events.append(problemBox(error)); }
  }
  async function startReplay() {
    try {
      const started = await post(`/api/admin/${replayService.value}/replays`, { projection: PROJECTIONS[replayService.value] });
      running = { service: replayService.value, id: started.id };
      await replayProgress();
    } catch (error) { replace(replay, problemBox(error)); }
  }
  async function replayProgress() {
    if (!running) return;
    const p = await get(`/api/admin/${running.service}/replays/${running.id}`);
    const percent = p.total ? Math.round((100 * p.done) / p.total) : 0;
    replace(replay, h('p', {}, `${running.service}: ${p.done} of ${p.total} events`, p.rate ? `, ${p.rate} per second` : '', p.eta ? `, about ${p.eta} left` : '', p.state ? ` (${p.state})` : ''),
      h('progress', { max: '100', value: percent, 'aria-label': `Replay progress ${percent} %` }),
      p.state === 'RUNNING' ? h('button', { type: 'button', id: 'cancel-replay', onclick: () => cancelReplay() }, 'Cancel the rebuild') : null);
  }
  async function cancelReplay() {
    try {
      await api(`/api/admin/${running.service}/replays/${running.id}`, { method: 'DELETE' });
      await replayProgress();
    } catch (error) { replace(replay, problemBox(error)); }
  }
  const policies = await get('/api/sla/policies').catch(() => ({ items: [] }));
  replace(simPolicy, options(policies.items.map((p) => p.id), 'standard'));
  return { refresh: replayProgress };
}
