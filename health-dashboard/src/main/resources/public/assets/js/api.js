// Talks to the health dashboard with the JWT kept for this browser tab (sessionStorage: gone when the tab closes).
const TOKEN_KEY = 'loadstack.health.token';
const USER_KEY = 'loadstack.health.user';

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export function session() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { token, username: sessionStorage.getItem(USER_KEY) || '' } : null;
}

export async function login(username, password) {
  let response;
  try {
    response = await fetch('/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    throw new ApiError(0, 'the dashboard does not answer');
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body.error || `sign-in failed (${response.status})`);
  // A user with a second factor gets the token of the next step instead (the shared mfa.js shows that step).
  if (body.mfa_required) return { challenge: body };
  return startSession(body);
}

/** Keeps the login answer (of /login or of the second step) for this tab. */
export function startSession(body) {
  sessionStorage.setItem(TOKEN_KEY, body.access_token);
  sessionStorage.setItem(USER_KEY, body.username);
  return session();
}

/** Forgets the token; the shell then shows the sign-in view (and the open view closes its websocket). */
export function logout() {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
  location.hash = '#/login';
}

/** GET of JSON with the token; a 401 (the token expired) signs out. */
export async function api(path) {
  const s = session();
  if (!s) { logout(); throw new ApiError(401, 'signed out'); }
  const response = await fetch(path, { headers: { Accept: 'application/json', Authorization: 'Bearer ' + s.token } });
  if (response.status === 401) { logout(); throw new ApiError(401, 'signed out'); }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body && body.error ? body.error : `request failed (${response.status})`);
  return body;
}

/** The websocket of live updates; the token goes in the query, as browsers cannot set headers on it. */
export function liveSocket() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return new WebSocket(`${scheme}//${location.host}/ws/health?token=${encodeURIComponent(session()?.token || '')}`);
}
