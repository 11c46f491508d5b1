// The dashboard's shell: hash routes, the header, and each view's clean-up (timers, websockets).
import { session, isAdmin, logout } from './api.js';
import { h, notice } from './dom.js';

const routes = {
  login: () => import('./views/login.js'),
  runs: () => import('./views/runs.js'),
  run: () => import('./views/run.js'),
  tests: () => import('./views/tests.js'),
  test: () => import('./views/test.js'),
  compare: () => import('./views/compare.js'),
  tokens: () => import('./views/tokens.js'),
  users: () => import('./views/users.js'),
  plans: () => import('./views/plans.js'),
  plan: () => import('./views/plan.js'),
  agents: () => import('./views/agents.js'),
  launches: () => import('./views/launches.js'),
  launch: () => import('./views/launch.js'),
  'launch-new': () => import('./views/launch-new.js'),
  notifications: () => import('./views/notifications.js'),
  audit: () => import('./views/audit.js'),
  targets: () => import('./views/targets.js'),
  account: () => import('./views/account.js'),
};

let cleanup = null;
// Hash changes can come faster than a view loads: only the newest render may fill the page.
let generation = 0;

function parse() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  if (parts[0] === 'runs' && parts[1]) return { view: 'run', uuid: parts[1], params };
  if (parts[0] === 'tests' && parts[1]) return { view: 'test', name: parts.slice(1).join('/'), params };
  if (parts[0] === 'plans' && parts[1]) return { view: 'plan', id: parts[1], params };
  if (parts[0] === 'launches' && parts[1] === 'new') return { view: 'launch-new', params };
  if (parts[0] === 'launches' && parts[1]) return { view: 'launch', id: parts[1], params };
  return { view: parts[0] || 'runs', params };
}

async function render() {
  const mine = ++generation;
  if (cleanup) { try { cleanup(); } catch { /* a view that failed to clean up must not block the next */ } cleanup = null; }
  const route = parse();
  const signedIn = session();
  if (!signedIn && route.view !== 'login') {
    const message = sessionStorage.length === 0 && !route.params.get('message') ? '' : 'Please sign in.';
    location.replace('#/login' + (message ? '?message=' + encodeURIComponent(message) : ''));
    return;
  }
  const top = document.getElementById('top');
  top.hidden = !signedIn || route.view === 'login';
  if (signedIn) {
    document.getElementById('who').textContent = signedIn.username + (isAdmin() ? ' (admin)' : '');
    top.querySelector('[data-nav="users"]').hidden = !isAdmin();
    top.querySelector('[data-nav="notifications"]').hidden = !isAdmin();
    top.querySelector('[data-nav="audit"]').hidden = !isAdmin();
    const current = { run: 'runs', test: 'tests', plan: 'plans', launch: 'launches', 'launch-new': 'launches' }[route.view] || route.view;
    top.querySelectorAll('nav a').forEach((a) => {
      if (a.dataset.nav === current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
  }
  const main = document.getElementById('main');
  const load = routes[route.view];
  if (!load) {
    main.replaceChildren(h('h1', {}, 'Page not found'), notice('There is no such page. Go to the run list.'),
      h('a', { href: '#/runs' }, 'Runs'));
    return;
  }
  main.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  try {
    const module = await load();
    if (mine !== generation) return;
    const container = h('div');
    main.replaceChildren(container);
    const done = (await module.default(container, route)) || null;
    // A newer render may have replaced this view while it loaded its data: stop its timers and sockets at once.
    if (mine !== generation) { if (done) done(); return; }
    cleanup = done;
  } catch (e) {
    if (mine === generation) main.replaceChildren(notice(`This page failed to load: ${e.message}. Reload the page to try again.`, 'error'));
  }
}

document.getElementById('logout').addEventListener('click', () => logout('You have signed out.'));
window.addEventListener('hashchange', render);
render();
