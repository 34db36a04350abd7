// The signed-in user, kept in this origin's sessionStorage only (one tab, gone with it); signing out forgets it.
const KEY = 'helpdesk.session';

function claimsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(payload))));
  } catch (e) {
    return {};
  }
}

export const session = {
  current() {
    const stored = sessionStorage.getItem(KEY);
    if (!stored) return null;
    const value = JSON.parse(stored);
    if (value.expiresAt && Date.parse(value.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return value;
  },
  token() {
    const current = this.current();
    return current ? current.token : null;
  },
  /** Keeps a token and what its claims say about the user. */
  start(token, expiresAt) {
    const claims = claimsOf(token);
    const user = {
      id: claims.sub,
      name: claims.name || claims.sub,
      roles: Array.isArray(claims.roles) ? claims.roles : [],
      organizationId: claims.org || null,
    };
    const expiry = expiresAt || (claims.exp ? new Date(claims.exp * 1000).toISOString() : null);
    sessionStorage.setItem(KEY, JSON.stringify({ token, user, expiresAt: expiry }));
    return user;
  },
  user() {
    const current = this.current();
    return current ? current.user : null;
  },
  has(role) {
    const user = this.user();
    return Boolean(user && user.roles.includes(role));
  },
  end() {
    sessionStorage.removeItem(KEY);
  },
};
