import { api, isAdmin } from '../api.js';
import { h, notice, announce, badge, redraw } from '../dom.js';
import * as fmt from '../format.js';

const REFRESH_MS = 5000;

/**
 * How to start an agent elsewhere with a new token, filled with this server's address: the agent's image, or
 * its jar on a host with Java (load-agent/README.md). LOADSTACK_AGENT_CA_FILE trusts Loadstack's
 * self-signed certificate; in the container it is the file mounted beside it.
 */
export function agentSnippets(origin, token) {
  return [
    ['docker run', `docker run -d --name loadstack-agent --restart unless-stopped \\
  -e LOADSTACK_URL=${origin} \\
  -e LOADSTACK_AGENT_TOKEN=${token} \\
  -e LOADSTACK_AGENT_REGION=eu \\
  -e LOADSTACK_AGENT_CA_FILE=/etc/loadstack/ca.pem \\
  -v "$PWD/loadstack-cert.pem:/etc/loadstack/ca.pem:ro" \\
  loadstack/load-agent`],
    ['java -jar', `LOADSTACK_URL=${origin} \\
LOADSTACK_AGENT_TOKEN=${token} \\
LOADSTACK_AGENT_REGION=eu \\
LOADSTACK_AGENT_CA_FILE=loadstack-cert.pem \\
java -jar load-agent.jar`],
  ];
}

/** A busy agent names the launch it runs when the API says which (launchId), else just BUSY. */
function agentState(a) {
  return h('span', {}, badge(a.status), a.status === 'BUSY' && a.launchId != null
    ? h('span', { class: 'small' }, ' ', h('a', { href: '#/launches/' + a.launchId }, 'launch #' + a.launchId)) : null);
}

export default async function (root) {
  document.title = 'Agents · Loadstack';
  const list = h('div', { id: 'agent-list' });
  const updated = h('span', { class: 'live', id: 'agents-updated' });
  root.append(h('div', { class: 'row' }, h('h1', {}, 'Agents'), h('span', { class: 'spacer' }), updated),
    h('p', { class: 'muted' }, 'Load agents run the tests that Loadstack launches. They connect out to Loadstack, so they can run anywhere: another region, behind NAT, in a container or on a plain VM.'),
    list);

  let agents = null;
  let timer = null;
  async function loadAgents() {
    try {
      agents = await api('/api/agents');
      drawAgents();
      updated.textContent = 'Updated ' + fmt.clock(new Date().toISOString());
    } catch (e) { list.replaceChildren(notice(e.message, 'error')); }
  }
  function drawAgents() {
    if (!agents) return;
    const online = agents.filter((a) => a.status !== 'OFFLINE').length;
    const busy = agents.filter((a) => a.status === 'BUSY').length;
    redraw(list, agents.length === 0
      ? h('div', { class: 'panel empty' }, isAdmin()
        ? 'No agent has connected yet. Create an agent token below and start an agent with it.'
        : 'No agent has connected yet. Ask an admin for an agent token to start one.')
      : h('div', {},
        h('p', {}, h('span', { id: 'agents-online' }, `${online} of ${agents.length} online`),
          h('span', { id: 'agents-busy' }, busy > 0 ? ` · ${busy} busy running a launch` : ''),
          h('span', { class: 'muted small' }, ' (IDLE: ready to take a launch; BUSY: running one; OFFLINE: not heard from lately)')),
        h('div', { class: 'table-wrap' }, h('table', { id: 'agents' },
          h('caption', { class: 'sr-only' }, 'Agents by region, then name'),
          h('thead', {}, h('tr', {}, ['Name', 'Region', 'Status', 'Version', 'Online since', 'Last seen'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, agents.map((a) => h('tr', { dataset: { name: a.name } },
            h('td', {}, a.name), h('td', { dataset: { field: 'region' } }, a.region),
            h('td', { dataset: { field: 'status' } }, agentState(a)),
            h('td', {}, a.version || '–'),
            h('td', { title: fmt.time(a.onlineSince, { seconds: true }) }, a.onlineSince && a.status !== 'OFFLINE' ? fmt.ago(a.onlineSince).replace(/ ago$/, '') : '–'),
            h('td', { title: fmt.time(a.lastSeenAt, { seconds: true }), dataset: { field: 'lastSeen' } }, fmt.ago(a.lastSeenAt)))))))));
  }
  await loadAgents();
  timer = setInterval(loadAgents, REFRESH_MS);

  if (isAdmin()) root.append(tokensSection());
  return () => clearInterval(timer);
}

function tokensSection() {
  const name = h('input', { id: 'agent-token-name', name: 'name', required: true, maxlength: 100, placeholder: 'e.g. agents in eu-west' });
  const created = h('div', { id: 'agent-token-created' });
  const list = h('div', { id: 'agent-token-list' });
  const formError = h('div');
  const form = h('form', {
    class: 'row panel', id: 'agent-token-form', onsubmit: async (e) => {
      e.preventDefault();
      formError.replaceChildren();
      try {
        const t = await api('/api/agent-tokens', { method: 'POST', json: { name: name.value.trim() } });
        name.value = '';
        showCreated(t);
        await load();
      } catch (err) { formError.replaceChildren(notice(err.message, 'error')); }
    },
  }, h('label', { for: 'agent-token-name' }, 'Name of the new agent token', name),
  h('button', { type: 'submit', class: 'primary', id: 'create-agent-token' }, 'Create agent token'));

  function showCreated(t) {
    const copy = h('button', { type: 'button', onclick: async () => {
      try { await navigator.clipboard.writeText(t.token); copy.textContent = 'Copied'; } catch { copy.textContent = 'Select and copy it by hand'; }
    } }, 'Copy');
    created.replaceChildren(h('div', { class: 'panel' },
      h('h3', {}, `Agent token "${t.name}" created`),
      notice('Copy it now: it is shown only this once. Loadstack stores only a hash of it.', 'warn'),
      h('div', { class: 'row' }, h('code', { class: 'secret', id: 'new-agent-token' }, t.token), copy),
      h('h3', {}, 'Start an agent with it'),
      h('p', { class: 'muted small' }, 'Set LOADSTACK_AGENT_REGION to where the agent runs; LOADSTACK_AGENT_NAME defaults to the host name (the container\'s, with docker run). One token may serve many agents. loadstack-cert.pem is Loadstack\'s certificate, as your browser shows it.'),
      agentSnippets(location.origin, t.token).map(([tool, text]) => h('details', { open: true },
        h('summary', {}, tool), h('pre', { class: 'snippet', dataset: { tool } }, text)))));
    announce('Agent token created. Copy it now: it is shown only once.');
  }

  async function load() {
    try {
      const tokens = await api('/api/agent-tokens');
      list.replaceChildren(tokens.length === 0
        ? h('div', { class: 'panel empty' }, 'No agent tokens yet. Create one above to start an agent.')
        : h('div', { class: 'table-wrap' }, h('table', {},
          h('caption', { class: 'sr-only' }, 'Agent tokens, newest first'),
          h('thead', {}, h('tr', {}, ['Name', 'Starts with', 'Created', 'Last used', ''].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, tokens.map((t) => h('tr', { dataset: { id: t.id } },
            h('td', {}, t.name), h('td', {}, h('code', {}, t.prefix + '…')), h('td', {}, fmt.time(t.createdAt)),
            h('td', {}, t.lastUsedAt ? fmt.time(t.lastUsedAt) : 'never'),
            h('td', {}, t.revoked
              ? h('span', { class: 'muted' }, 'revoked ' + fmt.time(t.revokedAt))
              : h('button', { type: 'button', class: 'danger', 'aria-label': 'Revoke ' + t.name, onclick: async () => {
                if (!confirm(`Revoke "${t.name}"? Agents using it will be refused at their next heartbeat.`)) return;
                try { await api('/api/agent-tokens/' + t.id, { method: 'DELETE' }); await load(); announce('Agent token revoked'); } catch (err) { list.prepend(notice(err.message, 'error')); }
              } }, 'Revoke'))))))));
    } catch (e) { list.replaceChildren(notice(e.message, 'error')); }
  }
  load();
  return h('section', { 'aria-labelledby': 'agent-tokens-title' },
    h('h2', { id: 'agent-tokens-title' }, 'Agent tokens'),
    h('p', { class: 'muted' }, 'An agent signs in with an agent token. It is accepted only on the agents\' routes: it cannot read runs, plans or sign in.'),
    form, formError, created, list);
}
