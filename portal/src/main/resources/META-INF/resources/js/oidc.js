// OpenID Connect sign-in: the authorization code flow with PKCE (RFC 7636, S256), run in the page as a public client.
// The gateway says whether it is on (GET /portal/sign-in-options: the issuer and the portal's client id). The code
// comes back in the address (?code=&state=) and is taken out of it at once; the token comes from the issuer's token
// endpoint in a POST answer's body and is kept like the demo token: in this origin's sessionStorage, gone with the tab
// or on signing out. The PKCE verifier, state and nonce wait in sessionStorage for the one round trip, then go.
import { session } from './session.js';

const PENDING = 'helpdesk.oidc.pending';

function base64url(bytes) {
  let text = '';
  bytes.forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(size) {
  const bytes = new Uint8Array(size);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}

function claimsOf(jwt) {
  try {
    return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch (e) {
    return {};
  }
}

function failure(title, detail) {
  return Object.assign(new Error(detail), { title, detail });
}

/** The issuer and its endpoints when the gateway offers OIDC sign-in, otherwise null. */
export async function oidcConfiguration() {
  const response = await fetch('/portal/sign-in-options', { headers: { Accept: 'application/json' }, credentials: 'omit' });
  if (!response.ok) return null;
  const options = await response.json();
  if (!options.oidc) return null;
  const { issuer, clientId, scope } = options.oidc;
  const discovery = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    { headers: { Accept: 'application/json' }, credentials: 'omit' });
  if (!discovery.ok) throw failure('Sign-in service unavailable', `The sign-in service at ${issuer} did not answer.`);
  const metadata = await discovery.json();
  if (!metadata.authorization_endpoint || !metadata.token_endpoint) {
    throw failure('Sign-in service unavailable', `The sign-in service at ${issuer} does not describe its endpoints.`);
  }
  return {
    issuer, clientId, scope,
    authorizationEndpoint: metadata.authorization_endpoint,
    tokenEndpoint: metadata.token_endpoint,
  };
}

/** Leaves for the issuer's sign-in page; it sends the browser back to this page with a code. */
export async function startOidcSignIn(config) {
  const verifier = random(32);
  const state = random(16);
  const nonce = random(16);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  const redirectUri = `${location.origin}/`;
  sessionStorage.setItem(PENDING, JSON.stringify({
    verifier, state, nonce, redirectUri, issuer: config.issuer, clientId: config.clientId, tokenEndpoint: config.tokenEndpoint,
  }));
  const url = new URL(config.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri,
    scope: config.scope,
    state,
    nonce,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * On the way back from the issuer: checks the state, redeems the code with the verifier and starts the session.
 * Returns the signed-in user, or null when this page load is not the end of a sign-in.
 */
export async function finishOidcSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', location.pathname + location.hash);
  if (params.has('error')) {
    throw failure('Sign-in refused', params.get('error_description') || params.get('error'));
  }
  if (!pending || params.get('state') !== pending.state) {
    throw failure('Sign-in not recognised', 'This answer of the sign-in service belongs to no sign-in started in this tab. Sign in again.');
  }
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: pending.redirectUri,
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }).toString(),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) {
    throw failure('Sign-in refused', body.error_description || body.error || `The sign-in service answered ${response.status}.`);
  }
  if (body.id_token) {
    const claims = claimsOf(body.id_token);
    const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (claims.nonce !== pending.nonce || claims.iss !== pending.issuer || !audience.includes(pending.clientId)) {
      throw failure('Sign-in not recognised', 'The identity token does not belong to this sign-in. Sign in again.');
    }
  }
  const expiresAt = body.expires_in ? new Date(Date.now() + body.expires_in * 1000).toISOString() : null;
  return session.start(body.access_token, expiresAt);
}
