// The public API through the gateway (same origin), with the session's bearer token; errors become ApiProblem.
import { session } from './session.js';

export class ApiProblem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `The server answered ${status}.`);
    this.status = status;
    this.title = (body && body.title) || `Error ${status}`;
    this.detail = (body && body.detail) || this.message;
    this.errors = (body && body.errors) || [];
    this.type = body && body.type;
  }
}

export async function api(path, { method = 'GET', body, headers = {}, raw = false } = {}) {
  const sent = { Accept: 'application/json', ...headers };
  const token = session.token();
  if (token) sent.Authorization = `Bearer ${token}`;
  let payload = body;
  if (body !== undefined && !(body instanceof FormData)) {
    sent['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers: sent, body: payload, cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    throw new ApiProblem(0, { title: 'No connection', detail: 'The helpdesk cannot be reached; try again shortly.' });
  }
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch (e) { /* not JSON */ }
    if (response.status === 401 && token) {
      window.dispatchEvent(new CustomEvent('helpdesk:signed-out', { detail: problem }));
    }
    throw new ApiProblem(response.status, problem);
  }
  if (raw) return response;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const get = (path) => api(path);
export const post = (path, body) => api(path, { method: 'POST', body });

/** A query string from the given parameters, leaving out empty ones. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
