import { api, isAdmin } from '../api.js';
import { h, notice, announce, badge } from '../dom.js';
import * as fmt from '../format.js';

const REFRESH_MS = 5000;

/** The events a channel may want, by their API names (api-service/README.md, "Notifications"). */
export const EVENTS = [
  ['run.started', 'Run started'],
  ['run.finished', 'Run finished (verdict, key numbers, link)'],
  ['threshold.failed', 'Live threshold failed'],
  ['regression.found', 'Regression against the baseline'],
  ['launch.failed', 'Launch failed'],
  ['agent.lost', 'Agent lost'],
];

/** The tests box: one name a line; empty means every test (null in the API). */
export function parseTests(text) {
  const names = [...new Set(text.split('\n').map((t) => t.trim()).filter(Boolean))];
  return names.length === 0 ? null : names;
}

function eventLabel(name) {
  const known = EVENTS.find(([value]) => value === name);
  return known ? known[1] : name;
}

export default async function (root) {
  document.title = 'Notifications · Loadstack';
  root.append(h('h1', {}, 'Notifications'));
  if (!isAdmin()) {
    root.append(notice('Only admins configure notifications. Ask an admin to add a Slack or webhook channel for your tests.'));
    return null;
  }
  root.append(h('p', { class: 'muted' }, 'Loadstack posts to Slack incoming webhooks and to signed JSON webhooks when runs start and finish, thresholds fail, runs regress, launches fail and agents are lost. Failed deliveries are retried with backoff.'));

  let channels = [];
  let editing = null;
  const message = h('div', { id: 'channel-message' });
  const created = h('div', { id: 'channel-created' });
  const list = h('div', { id: 'channels' });

  // ---- the add / edit form
  const name = h('input', { id: 'channel-name', name: 'name', required: true, maxlength: 100, placeholder: 'e.g. team slack' });
  const type = h('select', { id: 'channel-type', name: 'type' },
    h('option', { value: 'slack' }, 'Slack incoming webhook'), h('option', { value: 'webhook' }, 'JSON webhook (signed)'));
  const url = h('input', { id: 'channel-url', name: 'url', type: 'url', maxlength: 2000, placeholder: 'https://hooks.slack.com/services/…' });
  const secret = h('input', { id: 'channel-secret', name: 'secret', maxlength: 200, autocomplete: 'off' });
  const secretLabel = h('label', { for: 'channel-secret' }, 'Signing secret (optional)', secret);
  const checks = EVENTS.map(([value, label]) => h('input', { type: 'checkbox', name: 'events', value, id: 'event-' + value.replace('.', '-'),
    checked: value === 'run.finished' || value === 'launch.failed' }));
  const tests = h('textarea', { id: 'channel-tests', name: 'tests', rows: 3, placeholder: 'checkout smoke' });
  const formTitle = h('legend', {}, 'Add a channel');
  const submit = h('button', { type: 'submit', class: 'primary', id: 'save-channel' }, 'Add channel');
  const cancel = h('button', { type: 'button', id: 'cancel-edit', hidden: true, onclick: () => resetForm() }, 'Cancel');

  function syncType() {
    const webhook = type.value === 'webhook';
    secretLabel.hidden = !webhook;
    url.placeholder = webhook ? 'https://ci.example.com/hooks/loadstack' : 'https://hooks.slack.com/services/…';
    secret.placeholder = editing ? 'leave empty to keep the current one' : 'leave empty and Loadstack makes one';
    url.required = !editing;
  }
  type.addEventListener('change', syncType);

  function resetForm() {
    editing = null;
    form.reset();
    type.disabled = false;
    formTitle.textContent = 'Add a channel';
    submit.textContent = 'Add channel';
    cancel.hidden = true;
    checks.forEach((c) => { c.checked = c.value === 'run.finished' || c.value === 'launch.failed'; });
    syncType();
  }

  function edit(channel) {
    editing = channel;
    name.value = channel.name;
    type.value = channel.type;
    type.disabled = true;
    url.value = '';
    secret.value = '';
    checks.forEach((c) => { c.checked = channel.events.includes(c.value); });
    tests.value = (channel.tests || []).join('\n');
    formTitle.textContent = `Edit "${channel.name}"`;
    submit.textContent = 'Save changes';
    cancel.hidden = false;
    syncType();
    url.placeholder = 'leave empty to keep ' + channel.url;
    name.focus();
  }

  const form = h('form', {
    class: 'panel channel-form', id: 'channel-form', onsubmit: async (e) => {
      e.preventDefault();
      message.replaceChildren();
      const body = {
        name: name.value.trim(), type: type.value,
        url: url.value.trim() || null,
        secret: type.value === 'webhook' && secret.value ? secret.value : null,
        events: checks.filter((c) => c.checked).map((c) => c.value),
        tests: parseTests(tests.value),
      };
      try {
        if (editing) {
          await api('/api/notifications/channels/' + editing.id, { method: 'PUT', json: body });
          announce('Channel saved');
          created.replaceChildren();
        } else {
          const channel = await api('/api/notifications/channels', { method: 'POST', json: body });
          showCreated(channel);
        }
        resetForm();
        await loadChannels();
      } catch (err) { message.replaceChildren(notice(err.message, 'error')); }
    },
  }, h('fieldset', {}, formTitle,
    h('div', { class: 'row' }, h('label', { for: 'channel-name' }, 'Name', name), h('label', { for: 'channel-type' }, 'Type', type)),
    h('div', { class: 'row' }, h('label', { for: 'channel-url', class: 'wide' }, 'URL', url), secretLabel),
    h('fieldset', { id: 'channel-events' }, h('legend', {}, 'Events'),
      checks.map((c, i) => h('label', { for: c.id, class: 'check' }, c, ' ', EVENTS[i][1]))),
    h('label', { for: 'channel-tests' }, 'Tests (run names, one a line; empty for every test)', tests),
    h('div', { class: 'row' }, submit, cancel)));
  syncType();

  function showCreated(channel) {
    if (!channel.secret) {
      created.replaceChildren(notice(`Channel "${channel.name}" added.`));
      announce('Channel added');
      return;
    }
    created.replaceChildren(h('div', { class: 'panel' },
      h('h3', {}, `Channel "${channel.name}" added`),
      notice('Copy its signing secret now: it is shown only this once. Your receiver checks X-Loadstack-Signature (sha256=HMAC-SHA256 of the body) with it.', 'warn'),
      h('code', { class: 'secret', id: 'new-channel-secret' }, channel.secret)));
    announce('Channel added. Copy its secret now: it is shown only once.');
  }

  // ---- the channels
  async function loadChannels() {
    try {
      channels = await api('/api/notifications/channels');
      drawChannels();
      fillChannelFilter();
    } catch (e) { list.replaceChildren(notice(e.message, 'error')); }
  }

  function drawChannels() {
    list.replaceChildren(channels.length === 0
      ? h('div', { class: 'panel empty' }, 'No channel yet. Add one above.')
      : h('div', { class: 'table-wrap' }, h('table', { id: 'channel-table' },
        h('caption', { class: 'sr-only' }, 'Notification channels by name'),
        h('thead', {}, h('tr', {}, ['Name', 'Type', 'URL', 'Events', 'Tests', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, channels.map((c) => h('tr', { dataset: { id: c.id, name: c.name } },
          h('td', {}, c.name),
          h('td', {}, c.type === 'webhook' ? (c.signed ? 'webhook (signed)' : 'webhook') : 'Slack'),
          h('td', {}, h('code', { class: 'small' }, c.url)),
          h('td', { class: 'small' }, c.events.map(eventLabel).join(', ')),
          h('td', { class: 'small' }, c.tests ? c.tests.join(', ') : 'every test'),
          h('td', {},
            h('button', { type: 'button', 'aria-label': 'Edit ' + c.name, onclick: () => edit(c) }, 'Edit'), ' ',
            h('button', { type: 'button', 'aria-label': 'Send a test message to ' + c.name, dataset: { action: 'ping' }, onclick: async () => {
              try {
                await api(`/api/notifications/channels/${c.id}/ping`, { method: 'POST' });
                announce('Test message queued');
                await loadDeliveries();
              } catch (err) { list.prepend(notice(err.message, 'error')); }
            } }, 'Send test'), ' ',
            h('button', { type: 'button', class: 'danger', 'aria-label': 'Delete ' + c.name, onclick: async () => {
              if (!confirm(`Delete "${c.name}"? Its deliveries are deleted with it.`)) return;
              try {
                await api('/api/notifications/channels/' + c.id, { method: 'DELETE' });
                if (editing && editing.id === c.id) resetForm();
                await loadChannels();
                await loadDeliveries();
                announce('Channel deleted');
              } catch (err) { list.prepend(notice(err.message, 'error')); }
            } }, 'Delete'))))))));
  }

  // ---- the deliveries
  const filter = h('select', { id: 'delivery-channel', name: 'channel' });
  const deliveries = h('div', { id: 'deliveries' });
  const updated = h('span', { class: 'live', id: 'deliveries-updated' });
  let page = 0;

  function fillChannelFilter() {
    const wanted = filter.value;
    filter.replaceChildren(h('option', { value: '' }, 'All channels'),
      ...channels.map((c) => h('option', { value: c.id, selected: String(c.id) === wanted }, c.name)));
  }
  filter.addEventListener('change', () => { page = 0; loadDeliveries(); });

  async function loadDeliveries() {
    const query = new URLSearchParams({ page: String(page) });
    if (filter.value) query.set('channel', filter.value);
    try {
      const result = await api('/api/notifications/deliveries?' + query);
      drawDeliveries(result);
      updated.textContent = 'Updated ' + fmt.clock(new Date().toISOString());
    } catch (e) { deliveries.replaceChildren(notice(e.message, 'error')); }
  }

  function drawDeliveries(result) {
    // The API leaves an empty list out of its JSON.
    const items = result.items || [];
    if (items.length === 0) {
      deliveries.replaceChildren(h('div', { class: 'panel empty' }, 'Nothing delivered yet. "Send test" on a channel checks it.'));
      return;
    }
    const pages = Math.max(1, Math.ceil(result.total / result.size));
    const table = h('div', { class: 'table-wrap' }, h('table', { id: 'delivery-table' },
      h('caption', { class: 'sr-only' }, 'Deliveries, newest first'),
      h('thead', {}, h('tr', {}, ['Queued', 'Channel', 'Event', 'What', 'Status', 'Attempts', 'Last answer'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, items.map((d) => h('tr', { dataset: { delivery: d.delivery, status: d.status } },
        h('td', { title: fmt.time(d.createdAt, { seconds: true }) }, fmt.ago(d.createdAt)),
        h('td', {}, d.channel),
        h('td', {}, h('code', { class: 'small' }, d.event)),
        h('td', { class: 'small' }, d.runUuid ? h('a', { href: '#/runs/' + encodeURIComponent(d.runUuid) }, d.summary) : d.summary),
        h('td', { dataset: { field: 'status' } }, badge(d.status),
          d.status === 'PENDING' && d.nextAttemptAt && d.attempts > 0
            ? h('span', { class: 'small muted' }, ' retry ' + fmt.clock(d.nextAttemptAt)) : null),
        h('td', { class: 'num' }, String(d.attempts)),
        h('td', { class: 'small' }, d.lastError ? d.lastError : d.lastStatusCode ? 'HTTP ' + d.lastStatusCode : '–'))))));
    if (pages === 1) {
      deliveries.replaceChildren(table);
      return;
    }
    deliveries.replaceChildren(table, h('div', { class: 'pager' },
      h('button', { type: 'button', disabled: page === 0, onclick: () => { page--; loadDeliveries(); } }, '← Newer'),
      h('span', {}, `Page ${page + 1} of ${pages}`),
      h('button', { type: 'button', disabled: page + 1 >= pages, onclick: () => { page++; loadDeliveries(); } }, 'Older →')));
  }

  root.append(form, message, created,
    h('h2', {}, 'Channels'), list,
    h('div', { class: 'row' }, h('h2', {}, 'Deliveries'), h('span', { class: 'spacer' }), updated),
    h('div', { class: 'row' }, h('label', { for: 'delivery-channel' }, 'Channel', filter)),
    deliveries);
  await loadChannels();
  await loadDeliveries();
  const timer = setInterval(loadDeliveries, REFRESH_MS);
  return () => clearInterval(timer);
}
