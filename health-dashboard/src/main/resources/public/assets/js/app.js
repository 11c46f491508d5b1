// The health page's shell: hash routes (#/login, #/), the header, and each view's clean-up (websocket, timers).
import { session, logout } from './api.js';
import { h } from './dom.js';

const routes = {
  login: () => import('./views/login.js'),
  health: () => import('./views/health.js'),
};

let cleanup = null;

function parse() {
  const view = location.hash.replace(/^#\/?/, '').split('?')[0].split('/')[0];
  return { view: view === 'login' ? 'login' : 'health' };
}

async function render() {
  if (cleanup) { try { cleanup(); } catch { /* a view that failed to clean up must not block the next */ } cleanup = null; }
  const route = parse();
  const signedIn = session();
  if (!signedIn && route.view !== 'login') {
    location.replace('#/login');
    return;
  }
  if (signedIn && route.view === 'login') {
    location.replace('#/');
    return;
  }
  document.getElementById('logout').hidden = !signedIn;
  document.getElementById('who').textContent = signedIn ? signedIn.username : '';
  const main = document.getElementById('main');
  try {
    const module = await routes[route.view]();
    const container = h('div');
    main.replaceChildren(container);
    cleanup = (await module.default(container)) || null;
  } catch (e) {
    main.replaceChildren(h('p', { class: 'error', role: 'alert' }, `This page failed to load: ${e.message}. Reload the page to try again.`));
  }
}

document.getElementById('logout').addEventListener('click', () => logout());
window.addEventListener('hashchange', render);
render();
