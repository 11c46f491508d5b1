import { api } from '../api.js';
import { h, notice, announce } from '../dom.js';

const AGENTS_REFRESH_MS = 5000;

/** Online agents per region: {region: {idle, busy}}, regions in name order. */
export function onlineByRegion(agents) {
  const regions = {};
  for (const a of agents) {
    if (a.status !== 'IDLE' && a.status !== 'BUSY') continue;
    const r = regions[a.region] || (regions[a.region] = { idle: 0, busy: 0 });
    if (a.status === 'IDLE') r.idle++; else r.busy++;
  }
  return Object.fromEntries(Object.entries(regions).sort(([a], [b]) => a.localeCompare(b)));
}

function numberInput(id, value, attrs = {}) {
  return h('input', { id, name: id, type: 'number', inputmode: 'numeric', min: 0, step: 1, value, required: true, ...attrs });
}

export default async function (root, route) {
  document.title = 'New launch · Loadstack';
  const params = route.params;
  root.append(h('p', {}, h('a', { href: '#/launches' }, '← All launches')), h('h1', {}, 'New launch'));
  const body = h('div');
  root.append(body);

  let plans;
  try {
    plans = await api('/api/plans');
  } catch (e) {
    body.replaceChildren(notice(e.message, 'error'));
    return;
  }
  if (plans.length === 0) {
    body.replaceChildren(h('div', { class: 'panel empty' }, 'There is no plan to launch yet. ',
      h('a', { href: '#/plans' }, 'Upload one'), ' first.'));
    return;
  }

  const plan = h('select', { id: 'launch-plan', name: 'plan', required: true },
    plans.map((p) => h('option', { value: p.id, selected: String(p.id) === params.get('plan') }, `${p.name} (${p.generator})`)));
  const version = h('select', { id: 'launch-version', name: 'version' });
  async function loadVersions() {
    const wanted = version.value || params.get('version') || '';
    version.replaceChildren(h('option', { value: '' }, 'latest'));
    try {
      const p = await api('/api/plans/' + encodeURIComponent(plan.value));
      version.replaceChildren(h('option', { value: '' }, `latest (v${p.version})`),
        ...(p.versions || []).map((v) => h('option', { value: v.version, selected: String(v.version) === wanted }, 'v' + v.version)));
    } catch (e) { message.replaceChildren(notice(e.message, 'error')); }
  }
  plan.addEventListener('change', () => { version.value = ''; params.delete('version'); loadVersions(); });

  const users = numberInput('launch-users', params.get('users') || 10, { min: 1 });
  const rampUp = numberInput('launch-ramp-up', params.get('rampUpSeconds') || 10);
  const duration = numberInput('launch-duration', params.get('durationSeconds') || 60, { min: 1 });
  const target = h('input', { id: 'launch-target', name: 'targetHost', type: 'url', required: true,
    placeholder: 'http://shop.internal', value: params.get('targetHost') || '' });

  // Regions: one number of agents each, among the agents online there now (refreshed while the form is open).
  const regions = h('div', { id: 'launch-regions', class: 'regions' });
  const regionInputs = new Map();
  let firstDraw = true;
  async function loadAgents() {
    let agents;
    try { agents = await api('/api/agents'); } catch (e) { regions.replaceChildren(notice(e.message, 'error')); return; }
    const online = onlineByRegion(agents);
    const names = Object.keys(online);
    if (names.length === 0) {
      regions.replaceChildren(h('div', { class: 'panel empty' }, 'No agent is online. ',
        h('a', { href: '#/agents' }, 'Start one'), ' and it shows up here within seconds.'));
      regionInputs.clear();
      return;
    }
    const rows = names.map((region) => {
      const { idle, busy } = online[region];
      let input = regionInputs.get(region);
      if (!input) {
        // The first region with a free agent starts at one agent, so that the plain case is one click.
        const start = firstDraw && idle > 0 && ![...regionInputs.values()].some((i) => Number(i.value) > 0) ? 1 : 0;
        input = numberInput('region-' + region, start, { 'aria-describedby': 'region-' + region + '-online', dataset: { region } });
        regionInputs.set(region, input);
      }
      return h('div', { class: 'region', dataset: { region } },
        h('label', { for: input.id }, region, input),
        h('span', { class: 'muted small', id: 'region-' + region + '-online', dataset: { field: 'online' } },
          `${idle} idle, ${busy} busy`));
    });
    firstDraw = false;
    for (const region of [...regionInputs.keys()]) if (!online[region]) regionInputs.delete(region);
    // Keeps the inputs themselves (and what was typed, and the focus) across refreshes.
    regions.replaceChildren(...rows);
  }

  // Agents started for this launch (a provisioner makes their containers): any region, typed as name=count.
  const provision = h('select', { id: 'launch-provision', name: 'provision' },
    h('option', { value: '' }, 'the agents online'),
    h('option', { value: 'docker' }, 'agents started for it on Docker'),
    h('option', { value: 'swarm' }, 'agents started for it on Swarm (placed by node label region)'));
  const provisionRegions = h('input', { id: 'launch-provision-regions', name: 'provision-regions', value: 'local=1',
    placeholder: 'eu=2, us=1', 'aria-describedby': 'launch-provision-help', maxlength: 2000 });
  const provisionHelp = h('p', { class: 'muted small', id: 'launch-provision-help' },
    'Regions and agents, e.g. eu=2, us=1. The provisioner makes one container per agent and removes them when the launch ends.');
  const provisionFields = h('div', { id: 'launch-provision-fields', hidden: true },
    h('label', { for: 'launch-provision-regions' }, 'Regions and agents', provisionRegions), provisionHelp);
  provision.addEventListener('change', () => {
    provisionFields.hidden = !provision.value;
    regions.hidden = !!provision.value;
  });
  /** "eu=2, us=1" as {eu: 2, us: 1}; a part that is not name=count is kept as is, for the server to refuse by name. */
  function provisionCounts(text) {
    const counts = {};
    for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [name, count] = part.split('=').map((x) => (x || '').trim());
      counts[name] = count === undefined || count === '' ? 1 : Number(count);
    }
    return counts;
  }

  const properties = h('div', { id: 'launch-properties' });
  function propertyRow(key = '', value = '') {
    const n = properties.children.length + 1;
    const k = h('input', { name: 'property-key', 'aria-label': `Property ${n} name`, placeholder: 'name', value: key, maxlength: 200 });
    const v = h('input', { name: 'property-value', 'aria-label': `Property ${n} value`, placeholder: 'value', value, maxlength: 2000 });
    const row = h('div', { class: 'row property' }, k, v,
      h('button', { type: 'button', 'aria-label': `Remove property ${n}`, onclick: () => row.remove() }, 'Remove'));
    properties.append(row);
    return k;
  }

  const message = h('div', { id: 'launch-message', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'launch-submit' }, 'Launch');
  const form = h('form', { class: 'panel launch-form', id: 'launch-form', onsubmit: async (e) => {
    e.preventDefault();
    message.replaceChildren();
    const regionCounts = {};
    for (const [region, input] of regionInputs) if (Number(input.value) > 0) regionCounts[region] = Number(input.value);
    const props = {};
    for (const row of properties.querySelectorAll('.property')) {
      const [k, v] = row.querySelectorAll('input');
      if (k.value.trim()) props[k.value.trim()] = v.value;
    }
    const request = {
      planId: Number(plan.value),
      regions: provision.value ? provisionCounts(provisionRegions.value) : regionCounts,
      users: Number(users.value),
      rampUpSeconds: Number(rampUp.value),
      durationSeconds: Number(duration.value),
      targetHost: target.value.trim(),
      properties: props,
    };
    if (version.value) request.version = Number(version.value);
    if (provision.value) request.provision = provision.value;
    submit.disabled = true;
    try {
      const launched = await api('/api/launches', { method: 'POST', json: request });
      announce(`Launch ${launched.id} created`);
      location.hash = '#/launches/' + launched.id;
    } catch (err) {
      message.replaceChildren(notice(err.message, 'error'));
      submit.disabled = false;
    }
  } },
  h('fieldset', {}, h('legend', {}, 'What'),
    h('div', { class: 'fields' }, h('label', { for: 'launch-plan' }, 'Plan', plan), h('label', { for: 'launch-version' }, 'Version', version))),
  h('fieldset', {}, h('legend', {}, 'Where: agents per region'),
    h('p', { class: 'muted small' }, 'The users are split over the agents. Only idle agents take a new launch; Loadstack says so when a region has too few.'),
    h('label', { for: 'launch-provision' }, 'Run on', provision), provisionFields, regions),
  h('fieldset', {}, h('legend', {}, 'How much'),
    h('div', { class: 'fields' },
      h('label', { for: 'launch-users' }, 'Users (in all)', users),
      h('label', { for: 'launch-ramp-up' }, 'Ramp-up (seconds)', rampUp),
      h('label', { for: 'launch-duration' }, 'Duration (seconds)', duration),
      h('label', { for: 'launch-target', class: 'wide' }, 'Target host', target))),
  h('fieldset', {}, h('legend', {}, 'Properties'),
    h('p', { class: 'muted small' }, 'JMeter properties (-J) for a JMeter plan, environment variables for a locustfile.'),
    properties,
    h('button', { type: 'button', id: 'add-property', onclick: () => propertyRow().focus() }, 'Add property')),
  h('div', { class: 'row' }, submit, message));

  body.replaceChildren(form);
  await Promise.all([loadVersions(), loadAgents()]);
  const timer = setInterval(loadAgents, AGENTS_REFRESH_MS);
  return () => clearInterval(timer);
}
