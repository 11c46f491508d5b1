// The targets launches may hit: every signed-in user reads the list (to know why a launch was refused), admins
// change it. README.md, "Allowed targets".
import { api, isAdmin } from '../api.js';
import { h, notice, announce } from '../dom.js';
import * as fmt from '../format.js';

const HELP = 'One entry a line: a host name (shop.internal), a wildcard for the names below a domain (*.example.com;'
  + ' * alone is any host), an IP address (10.1.2.3, ::1) or a CIDR range (10.0.0.0/8, fd00::/8), each with an'
  + ' optional port (shop.internal:8080, [::1]:8443; without one, every port). A target URL is allowed when its host'
  + ' and port match an entry as written: names are not resolved, so a name is allowed by a name and an address by'
  + ' an address or range. An empty list allows no launch at all.';

export default async function (root) {
  document.title = 'Allowed targets · Loadstack';
  const message = h('div', { id: 'targets-message' });
  const content = h('div', { id: 'targets' });
  root.append(h('h1', {}, 'Allowed targets'), h('p', { class: 'muted' }, HELP), message, content);

  let shown;
  try {
    shown = await api('/api/allowed-targets');
  } catch (err) {
    content.replaceChildren(notice(err.message, 'error'));
    return;
  }
  const changed = () => (shown.changedAt
    ? h('p', { class: 'muted small', id: 'targets-changed' }, `Last changed ${fmt.time(shown.changedAt)} by ${shown.changedBy}.`)
    : null);

  if (!isAdmin()) {
    content.replaceChildren(
      shown.targets.length
        ? h('ul', { id: 'target-list' }, shown.targets.map((t) => h('li', {}, h('code', {}, t))))
        : notice('No target is allowed: no launch can run.'),
      changed(),
      notice('Only admins change this list. Ask an admin to allow the target you need.'));
    return;
  }

  const entries = h('textarea', { id: 'targets-entries', rows: 12, cols: 60, spellcheck: 'false', autocomplete: 'off',
    'aria-describedby': 'targets-help' });
  entries.value = shown.targets.join('\n');
  const save = h('button', { type: 'submit', class: 'primary', id: 'targets-save' }, 'Save');
  const stamp = h('div', {}, changed());
  content.replaceChildren(h('form', {
    class: 'panel', onsubmit: async (e) => {
      e.preventDefault();
      message.replaceChildren();
      const targets = entries.value.split(/[\n,]/).map((t) => t.trim()).filter(Boolean);
      save.disabled = true;
      try {
        shown = await api('/api/allowed-targets', { method: 'PUT', json: { targets } });
        entries.value = shown.targets.join('\n');
        stamp.replaceChildren(changed());
        message.replaceChildren(notice(shown.targets.length
          ? `Saved: ${shown.targets.length} allowed ${shown.targets.length === 1 ? 'target' : 'targets'}.`
          : 'Saved: no target is allowed now, so no launch can run.'));
        announce('Allowed targets saved');
      } catch (err) {
        message.replaceChildren(notice(err.message, 'error'));
      } finally {
        save.disabled = false;
      }
    },
  },
  h('label', { for: 'targets-entries' }, 'Allowed targets, one a line', entries),
  h('p', { class: 'muted small', id: 'targets-help' }, 'Launches check the list when they are made (and re-run);'
    + ' a launch already running is not stopped by a change.'),
  h('div', { class: 'row' }, save)), stamp);
}
