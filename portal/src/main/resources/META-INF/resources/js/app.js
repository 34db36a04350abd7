// The portal's shell: hash routes (no token or data in them), navigation per role, and polling of the shown view.
import { h, replace, announce, problemBox } from './dom.js';
import { session } from './session.js';
import { signInView } from './views/signin.js';
import { ticketListView } from './views/tickets.js';
import { newTicketView } from './views/new-ticket.js';
import { ticketView } from './views/ticket.js';
import { queueView } from './views/queue.js';
import { escalationsView } from './views/escalations.js';
import { adminView } from './views/admin.js';
import { analystView } from './views/analyst.js';
import { budgetView } from './views/budget.js';

/** How often the shown view asks the API for changes (see docs/portal.md, "Live updates"). */
const POLL_MS = 3000;

const ROUTES = [
  { pattern: /^#\/tickets\/new$/, view: newTicketView, roles: ['contact', 'agent', 'manager'] },
  { pattern: /^#\/tickets\/([0-9a-fA-F-]{36})$/, view: ticketView, roles: ['contact', 'agent', 'manager', 'analyst', 'admin'] },
  { pattern: /^#\/tickets$/, view: ticketListView, roles: ['contact'] },
  { pattern: /^#\/budget$/, view: budgetView, roles: ['contact'] },
  { pattern: /^#\/queue$/, view: queueView, roles: ['agent', 'manager'] },
  { pattern: /^#\/escalations$/, view: escalationsView, roles: ['manager'] },
  { pattern: /^#\/admin$/, view: adminView, roles: ['admin'] },
  { pattern: /^#\/analyst$/, view: analystView, roles: ['analyst', 'admin'] },
];

const NAV = [
  { href: '#/tickets', label: 'Our tickets', role: 'contact' },
  { href: '#/tickets/new', label: 'Open a ticket', role: 'contact' },
  { href: '#/budget', label: 'Budget', role: 'contact' },
  { href: '#/queue', label: 'Queue', role: 'agent' },
  { href: '#/escalations', label: 'Escalations', role: 'manager' },
  { href: '#/analyst', label: 'SLA and events', role: 'analyst' },
  { href: '#/admin', label: 'Organisations', role: 'admin' },
];

let shown = null;
let polling = false;
let navigation = 0;

function homeOf(user) {
  const first = ['contact', 'agent', 'manager', 'analyst', 'admin'].find((role) => user.roles.includes(role));
  return { contact: '#/tickets', agent: '#/queue', manager: '#/escalations', analyst: '#/analyst', admin: '#/admin' }[first] || '#/';
}

function renderChrome() {
  const user = session.user();
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!user) {
    replace(nav);
    replace(who);
    return;
  }
  const here = location.hash;
  replace(nav, h('ul', {}, NAV.filter((item) => user.roles.includes(item.role)).map((item) =>
    h('li', {}, h('a', { href: item.href, 'aria-current': here === item.href ? 'page' : null }, item.label)))));
  replace(who, h('span', { class: 'user', id: 'signed-in-user' }, `${user.name} (${user.roles.join(', ')})`),
    h('button', { type: 'button', id: 'sign-out', class: 'secondary', onclick: signOut }, 'Sign out'));
}

function signOut() {
  session.end();
  announce('Signed out.');
  go('#/');
}

function go(target) {
  if (location.hash === target) route(); else location.hash = target;
}

async function route() {
  const thisNavigation = ++navigation;
  if (shown && shown.dispose) shown.dispose();
  shown = null;
  const hash = location.hash && location.hash.startsWith('#/') ? location.hash : '#/';
  const main = document.getElementById('main');
  const user = session.user();
  renderChrome();
  if (!user) {
    document.title = 'Sign in - Helpdesk portal';
    const view = await signInView(main, { onSignedIn: (signedIn) => go(homeOf(signedIn)) });
    if (thisNavigation === navigation) shown = view;
    return;
  }
  if (hash === '#/') {
    location.replace(homeOf(user));
    return;
  }
  const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(hash) })).find((x) => x.m);
  if (!match) {
    replace(main, h('h1', {}, 'Not found'), h('p', {}, 'There is no such page. ', h('a', { href: homeOf(user) }, 'Go to your start page')));
    return;
  }
  if (!match.r.roles.some((role) => user.roles.includes(role))) {
    replace(main, h('h1', {}, 'Not for your role'), h('p', {}, 'Your roles do not give access to this page. ',
      h('a', { href: homeOf(user) }, 'Go to your start page')));
    return;
  }
  replace(main, h('p', {}, 'Loading…'));
  try {
    const view = await match.r.view(main, { params: match.m.slice(1), user, navigate: go });
    if (thisNavigation !== navigation) {
      if (view && view.dispose) view.dispose(); // the person moved on while it loaded
      return;
    }
    shown = view;
  } catch (error) {
    if (thisNavigation !== navigation) return;
    replace(main, h('h1', {}, 'Could not load this page'), problemBox(error));
  }
  const heading = main.querySelector('h1');
  if (heading) document.title = `${heading.textContent} - Helpdesk portal`;
  if (!window.helpdeskFirstRoute) window.helpdeskFirstRoute = true; else main.focus({ preventScroll: false });
}

async function poll() {
  if (polling || !shown || !shown.refresh || document.visibilityState !== 'visible') return;
  polling = true;
  try {
    await shown.refresh();
  } catch (error) {
    // a failed poll keeps the page; the next one tries again
  } finally {
    polling = false;
  }
}

window.addEventListener('hashchange', route);
window.addEventListener('helpdesk:signed-out', () => {
  session.end();
  announce('Your session ended; please sign in again.');
  route();
});
window.setInterval(poll, POLL_MS);
route();
