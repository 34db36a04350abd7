// OpenID Connect sign-in (authorization code with PKCE). Not wired yet: the gateway publishes no portal client
// configuration, so this answers "not configured" and the demo sign-in is the only way in (see docs/portal.md).
export async function oidcConfiguration() {
  return null;
}

export async function startOidcSignIn() {
  throw new Error('OpenID Connect sign-in is not configured.');
}

export async function finishOidcSignIn() {
  return null;
}
