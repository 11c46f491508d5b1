import { api } from '../api.js';
import { h, notice, badge, announce, redraw } from '../dom.js';
import { lineChart } from '../charts.js';
import * as fmt from '../format.js';
import { ENDED, launchStatus, regionsText, planText, skewText } from './launches.js';
import { chartSpecs, seriesColumns } from './run.js';

const POLL_MS = 1000;
/** The run's records come every few seconds at most: asking for them every second would only repeat them. */
const SERIES_MS = 3000;
const CHARTS = chartSpecs.filter((s) => s.id === 'chart-rps' || s.id === 'chart-latency');

function card(id, label, value, sub) {
  return h('div', { class: 'card' }, h('div', { class: 'label' }, label),
    h('div', { class: 'value', id: 'launch-card-' + id }, value), sub != null ? h('div', { class: 'muted small', id: 'launch-sub-' + id }, sub) : null);
}

function seconds(n) {
  return n == null ? '–' : fmt.duration(n);
}

export default async function (root, route) {
  const id = route.id;
  document.title = `Launch ${id} · Loadstack`;
  root.append(h('p', {}, h('a', { href: '#/launches' }, '← All launches')));
  let launch;
  try {
    launch = await api('/api/launches/' + encodeURIComponent(id));
  } catch (e) {
    root.append(h('h1', {}, 'Launch ' + id),
      notice(e.status === 404 ? 'There is no such launch.' : e.message, 'error'));
    return;
  }

  let stopped = false;
  const timers = new Set();
  const later = (fn, ms) => { const t = setTimeout(() => { timers.delete(t); fn(); }, ms); timers.add(t); };

  const status = h('span', { id: 'launch-status' });
  const liveNote = h('span', { class: 'live', id: 'launch-live', 'aria-live': 'off' });
  const actionMessage = h('div', { id: 'launch-action-message' });
  const stop = h('button', { type: 'button', class: 'danger', id: 'stop-launch', onclick: stopLaunch }, 'Stop');
  const rerun = h('button', { type: 'button', id: 'rerun-launch', onclick: rerunLaunch }, 'Re-run');
  const planLink = h('span', { id: 'launch-plan' });
  const meta = h('p', { class: 'muted', id: 'launch-meta' });
  const shortfalls = h('div', { id: 'launch-shortfalls' });
  const cards = h('div', { class: 'cards', id: 'launch-cards' });
  const agentsBody = h('tbody');
  const agentsTable = h('div', { class: 'table-wrap' }, h('table', { id: 'launch-agents' },
    h('caption', { class: 'sr-only' }, 'The agents of this launch'),
    h('thead', {}, h('tr', {}, [['Agent'], ['Region'], ['State'], ['Users', 'num'], ['Requests', 'num'], ['Failures', 'num'],
      ['First request'], ['Message']].map(([t, c]) => h('th', { scope: 'col', class: c || '' }, t)))),
    agentsBody));
  // Agents started for this launch: their containers as the provisioner follows them through Docker's events.
  const containersBody = h('tbody');
  const containersNote = h('p', { class: 'muted small', id: 'launch-containers-note' });
  const containersSection = h('section', { id: 'launch-containers-section', hidden: true },
    h('h2', {}, 'Containers'), containersNote,
    h('div', { class: 'table-wrap' }, h('table', { id: 'launch-containers' },
      h('caption', { class: 'sr-only' }, 'The containers started for this launch'),
      h('thead', {}, h('tr', {}, ['Agent', 'Region', 'Container state', 'Container', 'Docker says', 'Since']
        .map((t) => h('th', { scope: 'col' }, t)))),
      containersBody)));
  const logs = h('div', { id: 'launch-logs', class: 'logs' });
  const runLink = h('p', { id: 'launch-run' });
  const charts = h('div', { class: 'charts', id: 'launch-charts' });

  root.append(
    h('div', { class: 'panel' },
      h('div', { class: 'row' }, h('h1', {}, 'Launch #' + launch.id), status, liveNote, h('span', { class: 'spacer' }), stop, rerun),
      h('p', {}, planLink), meta, shortfalls, actionMessage),
    cards,
    h('h2', {}, 'Agents'), agentsTable,
    containersSection,
    h('h2', {}, 'The run'), runLink, charts,
    h('h2', {}, 'Agent logs'), logs);

  function render() {
    const l = launch;
    document.title = `Launch ${l.id} · ${l.status} · Loadstack`;
    status.replaceChildren(launchStatus(l));
    status.dataset.status = l.status;
    stop.hidden = ENDED.has(l.status) || l.status === 'STOPPING';
    planLink.replaceChildren(l.planId != null ? h('a', { href: '#/plans/' + l.planId }, planText(l)) : planText(l),
      l.generator ? h('span', { class: 'tag' }, l.generator) : null);
    meta.textContent = [
      l.createdAt ? `Created ${fmt.time(l.createdAt, { seconds: true })}` : null,
      l.createdBy ? `by ${l.createdBy}` : null,
      l.targetHost ? `against ${l.targetHost}` : null,
      `regions ${regionsText(l)}`,
      l.provision ? `agents started on ${l.provision === 'swarm' ? 'Swarm' : 'Docker'}` : null,
      l.rampUpSeconds != null ? `ramp-up ${seconds(l.rampUpSeconds)}` : null,
      l.durationSeconds != null ? `for ${seconds(l.durationSeconds)}` : null,
      l.properties && Object.keys(l.properties).length
        ? 'properties ' + Object.entries(l.properties).map(([k, v]) => `${k}=${v}`).join(', ') : null,
      l.endedAt ? `ended ${fmt.time(l.endedAt, { seconds: true })}` : null,
    ].filter(Boolean).join(' · ');

    // Regions that had fewer agents online than asked when the launch was made: it runs on those it got.
    const short = Array.isArray(l.shortfalls) ? l.shortfalls : [];
    if (short.join('\n') !== shortfalls.dataset.shown) {
      shortfalls.dataset.shown = short.join('\n');
      shortfalls.replaceChildren(short.length ? notice('Fewer agents than asked: ' + short.join('; ') + '.', 'warn') : '');
    }
    const agents = Array.isArray(l.agents) ? l.agents : [];
    const requests = agents.reduce((n, a) => n + (a.requests || 0), 0);
    const failures = agents.reduce((n, a) => n + (a.failures || 0), 0);
    const running = agents.filter((a) => a.status === 'RUNNING').length;
    redraw(cards,
      card('users', 'Users', l.users != null ? fmt.count(l.users) : fmt.count(agents.reduce((n, a) => n + (a.users || 0), 0))),
      card('agents', 'Agents', fmt.count(agents.length), `${running} running`),
      card('requests', 'Requests', fmt.count(requests), `${fmt.count(failures)} failed`),
      card('startAt', 'Start', l.startAt ? fmt.clock(l.startAt) : '–',
        l.startAt ? 'in server time' : ENDED.has(l.status) ? 'never started' : 'not scheduled yet'),
      card('skew', 'Skew', skewText(l), 'first requests, latest − earliest'));

    redraw(agentsBody, ...(agents.length === 0
      ? [h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No agent has a share of this launch.'))]
      : agents.map((a) => h('tr', { dataset: { name: a.name, status: a.status } },
        h('td', {}, a.name),
        h('td', { dataset: { field: 'region' } }, a.region),
        h('td', { dataset: { field: 'status' } }, badge(a.status)),
        h('td', { class: 'num', dataset: { field: 'users' } }, a.users != null ? fmt.count(a.users) : '–'),
        h('td', { class: 'num', dataset: { field: 'requests' }, title: a.requests != null ? String(a.requests) : null }, fmt.count(a.requests ?? null)),
        h('td', { class: 'num', dataset: { field: 'failures' }, title: a.failures != null ? String(a.failures) : null }, fmt.count(a.failures ?? null)),
        h('td', { dataset: { field: 'firstRequest' }, title: a.firstRequestAt || null }, a.firstRequestAt ? fmt.clock(a.firstRequestAt) : '–'),
        h('td', { class: 'wrap', dataset: { field: 'reason' } }, a.reason || a.readyMessage || '')))));

    renderContainers(l);
    renderLogs(agents);
    redraw(runLink, l.runUuid
      ? h('span', {}, 'Every agent reports into one run: ', h('a', { href: '#/runs/' + l.runUuid, id: 'launch-run-link' }, 'open the run'),
        ' for its endpoints, errors and exports.')
      : 'This launch has no run.');
  }

  function renderContainers(l) {
    containersSection.hidden = !l.provision;
    if (!l.provision) return;
    const containers = Array.isArray(l.containers) ? l.containers : [];
    containersNote.textContent = `Started for this launch on ${l.provision === 'swarm' ? 'Swarm' : 'Docker'} by the provisioner;`
      + ' removed when the launch ends.';
    redraw(containersBody, ...(containers.length === 0
      ? [h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No container yet.'))]
      : containers.map((c) => h('tr', { dataset: { name: c.name, state: c.state } },
        h('td', {}, c.name),
        h('td', { dataset: { field: 'region' } }, c.region),
        h('td', { dataset: { field: 'state' } }, badge(c.state)),
        h('td', { class: 'mono', dataset: { field: 'container' }, title: c.containerId || null }, c.containerId ? c.containerId.slice(0, 12) : '–'),
        h('td', { class: 'wrap', dataset: { field: 'detail' } }, c.detail || ''),
        h('td', { dataset: { field: 'since' }, title: c.updatedAt || null }, c.updatedAt ? fmt.clock(c.updatedAt) : '–')))));
  }

  // One box per agent, kept across refreshes: replacing it every second would throw away the reader's scroll.
  const logBoxes = new Map();
  function renderLogs(agents) {
    if (agents.length === 0) { logs.replaceChildren(h('p', { class: 'muted' }, 'No agent, no log.')); logBoxes.clear(); return; }
    const order = [];
    for (const a of agents) {
      let entry = logBoxes.get(a.name);
      if (!entry) {
        const pre = h('pre', { class: 'log', tabindex: 0, 'aria-label': `Last log lines of ${a.name}`, dataset: { agent: a.name } });
        entry = { pre, section: h('section', { class: 'agent-log', dataset: { agent: a.name } }, h('h3', {}, a.name), pre),
          text: null, follow: true };
        // The box follows new lines until the reader scrolls up, and again once they scroll back to the end.
        const e = entry;
        pre.addEventListener('scroll', () => { e.follow = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4; });
        logBoxes.set(a.name, entry);
      }
      const text = (a.log || []).join('\n');
      const shown = text || (ENDED.has(launch.status) ? '(no log lines)' : '(no log lines yet)');
      if (shown !== entry.text) {
        entry.pre.textContent = shown;
        entry.pre.classList.toggle('muted', !text);
        entry.text = shown;
      }
      order.push(entry.section);
    }
    logs.replaceChildren(...order);
    for (const entry of logBoxes.values()) if (entry.follow) entry.pre.scrollTop = entry.pre.scrollHeight;
  }

  // The run's charts, from its stored records: they exist once the first agent has registered into the run.
  let chartObjects = [];
  async function refreshCharts() {
    if (!launch.runUuid) return;
    let series;
    try {
      series = await api(`/api/runs/${encodeURIComponent(launch.runUuid)}/series`);
    } catch (e) {
      if (chartObjects.length === 0) {
        charts.replaceChildren(h('div', { class: 'panel empty' }, e.status !== 404 ? e.message
          : ENDED.has(launch.status) ? 'No agent reported into the run, so there is nothing to chart.'
            : 'The charts appear once the agents start reporting into the run.'));
      }
      return;
    }
    if (stopped) return;
    const { xs, col } = seriesColumns(series);
    if (xs.length === 0) {
      if (chartObjects.length === 0) {
        charts.replaceChildren(h('div', { class: 'panel empty' }, ENDED.has(launch.status)
          ? 'The run recorded no data.' : 'Waiting for the first record of the run: the charts appear as soon as the agents report.'));
      }
      return;
    }
    if (chartObjects.length === 0) {
      charts.replaceChildren();
      chartObjects = CHARTS.map((s) => {
        const c = lineChart({ id: 'launch-' + s.id, title: s.title, format: s.format, floor: s.floor, xs,
          series: s.series.map(([label, key]) => ({ label, values: col(key) })) });
        charts.append(c.el);
        return c;
      });
    } else {
      chartObjects.forEach((c, i) => c.update(xs, CHARTS[i].series.map(([, key]) => col(key))));
    }
  }

  async function poll() {
    if (stopped) return;
    try {
      const before = launch.status;
      launch = await api('/api/launches/' + encodeURIComponent(id));
      if (stopped) return;
      render();
      if (before !== launch.status) announce(`Launch ${launch.id} is ${launch.status}`);
      liveNote.textContent = ENDED.has(launch.status) ? '' : 'live · ' + fmt.clock(new Date().toISOString());
    } catch (e) {
      if (stopped) return;
      liveNote.textContent = 'update failed: ' + e.message;
    }
    if (ENDED.has(launch.status)) {
      // The agents post their last stats as they stop: one more look at the run shows them.
      refreshCharts().catch(() => {});
      return;
    }
    later(poll, POLL_MS);
  }

  async function chartsLoop() {
    if (stopped) return;
    await refreshCharts().catch(() => {});
    if (!ENDED.has(launch.status)) later(chartsLoop, SERIES_MS);
  }

  async function stopLaunch() {
    if (!confirm(`Stop launch #${launch.id}? Its agents stop their load now; what they measured so far is kept in the run.`)) return;
    actionMessage.replaceChildren();
    stop.disabled = true;
    try {
      await api(`/api/launches/${launch.id}/stop`, { method: 'POST' });
      announce(`Stopping launch ${launch.id}`);
    } catch (e) { actionMessage.replaceChildren(notice(e.message, 'error')); } finally { stop.disabled = false; }
  }

  async function rerunLaunch() {
    actionMessage.replaceChildren();
    rerun.disabled = true;
    try {
      const again = await api(`/api/launches/${launch.id}/rerun`, { method: 'POST' });
      announce(`Launch ${again.id} created`);
      location.hash = '#/launches/' + again.id;
    } catch (e) { actionMessage.replaceChildren(notice(e.message, 'error')); rerun.disabled = false; }
  }

  render();
  await refreshCharts();
  if (!ENDED.has(launch.status)) {
    liveNote.textContent = 'live';
    later(poll, POLL_MS);
    later(chartsLoop, SERIES_MS);
  }
  return () => {
    stopped = true;
    timers.forEach(clearTimeout);
    chartObjects.forEach((c) => c.destroy());
  };
}
