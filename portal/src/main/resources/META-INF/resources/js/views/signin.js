// Sign-in: the local stack's demo users (POST /demo/sign-in: the token comes in the answer's body), or OIDC.
import { h, replace, problemBox, announce } from '../dom.js';
import { session } from '../session.js';
import { oidcConfiguration, startOidcSignIn, finishOidcSignIn } from '../oidc.js';

export async function signInView(main, { onSignedIn }) {
  const status = h('div', { id: 'sign-in-status' });
  const finished = await finishOidcSignIn().catch((error) => { replace(status, problemBox(error)); return null; });
  if (finished) {
    onSignedIn(finished);
    return {};
  }
  const demo = h('section');
  const oidc = h('section');
  replace(main, h('h1', {}, 'Sign in'), status, demo, oidc);

  const config = await oidcConfiguration().catch(() => null);
  if (config) {
    replace(oidc, h('h2', { id: 'oidc-heading' }, 'Your organisation account'),
      h('button', { type: 'button', id: 'oidc-sign-in', onclick: () => startOidcSignIn(config).catch((e) => replace(status, problemBox(e))) },
        'Sign in with your account'));
  }
  let users = null;
  try {
    const response = await fetch('/demo/users', { headers: { Accept: 'application/json' }, credentials: 'omit' });
    if (response.ok) users = (await response.json()).users;
  } catch (e) { /* no demo sign-in here */ }
  if (!users) {
    if (!config) replace(demo, h('p', {}, 'No sign-in is configured for this portal.'));
    return {};
  }
  replace(demo, h('h2', { id: 'demo-heading' }, 'Demo users of the local stack'),
    h('p', {}, 'Choose who you are. Each gets a token of the local stack, kept in this tab only.'),
    h('ul', { class: 'demo-users' }, users.map((user) => h('li', {},
      h('button', {
        type: 'button', id: `sign-in-${user.id}`, 'data-user': user.id,
        onclick: async () => {
          try {
            const response = await fetch('/demo/sign-in', {
              method: 'POST', credentials: 'omit',
              headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
              body: JSON.stringify({ user: user.id }),
            });
            const body = await response.json();
            if (!response.ok) throw Object.assign(new Error(body.detail), body);
            const signedIn = session.start(body.token, body.expiresAt);
            announce(`Signed in as ${signedIn.name}.`);
            onSignedIn(signedIn);
          } catch (error) {
            replace(status, problemBox(error));
          }
        },
      }, `Sign in as ${user.name}`)))));
  return {};
}
