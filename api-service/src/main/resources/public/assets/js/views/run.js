import { api, download, isAdmin, session } from '../api.js';
import { h, notice, badge, tags, sortableTable, announce } from '../dom.js';
import { lineChart } from '../charts.js';
import * as fmt from '../format.js';
import { verdictBadge, measured, regressionFigure, testHref, makeBaseline } from '../verdicts.js';

const POLL_MS = 5000;
const SERIES_WHILE_LIVE_MS = 15000;

export const endpointColumns = [
  { key: 'method', label: 'Method' },
  { key: 'name', label: 'Endpoint', wrap: true },
  { key: 'requests', label: 'Requests', num: true, render: (e) => fmt.count(e.requests) },
  { key: 'failures', label: 'Failures', num: true, render: (e) => fmt.count(e.failures) },
  { key: 'errorRate', label: 'Errors', num: true, render: (e) => fmt.percent(e.errorRate) },
  { key: 'min', label: 'Min', num: true, render: (e) => fmt.ms(e.min) },
  { key: 'mean', label: 'Mean', num: true, render: (e) => fmt.ms(e.mean) },
  { key: 'p50', label: 'p50', num: true, render: (e) => fmt.ms(e.p50) },
  { key: 'p90', label: 'p90', num: true, render: (e) => fmt.ms(e.p90) },
  { key: 'p95', label: 'p95', num: true, render: (e) => fmt.ms(e.p95) },
  { key: 'p99', label: 'p99', num: true, render: (e) => fmt.ms(e.p99) },
  { key: 'max', label: 'Max', num: true, render: (e) => fmt.ms(e.max) },
  { key: 'rps', label: 'RPS', num: true, render: (e) => fmt.rps(e.rps) },
];

/** The run's charts; the launch page draws the first two of them for its run. */
export const chartSpecs = [
  { id: 'chart-rps', title: 'Throughput', format: fmt.rps, series: [['Requests/s', 'rps']] },
  { id: 'chart-latency', title: 'Response time', format: fmt.ms, series: [['p50', 'p50'], ['p95', 'p95'], ['p99', 'p99']] },
  { id: 'chart-errors', title: 'Error rate', format: fmt.percent, series: [['Errors', 'errorRate']], floor: 0.01 },
  { id: 'chart-users', title: 'Users', format: fmt.count, series: [['Users', 'users']] },
];

/** The stored records (GET /api/runs/{uuid}/series), then the live snapshots after the last of them, as chart columns. */
export function seriesColumns(series, tail = []) {
  const lastEnd = series.length ? Date.parse(series[series.length - 1].end) : 0;
  const points = series.map((p) => ({ x: Date.parse(p.end) / 1000, rps: p.rps, p50: p.p50, p95: p.p95, p99: p.p99,
    errorRate: p.requests ? p.errorRate : null, users: p.users }))
    .concat(tail.filter((t) => Date.parse(t.at) > lastEnd).map((t) => ({ x: Date.parse(t.at) / 1000, rps: t.rps,
      p50: t.p50, p95: t.p95, p99: t.p99, errorRate: null, users: t.users })));
  const col = (k) => points.map((p) => p[k] ?? null);
  return { xs: points.map((p) => p.x), col };
}

function card(id, label, value, sub) {
  return h('div', { class: 'card' }, h('div', { class: 'label' }, label),
    h('div', { class: 'value', id: 'card-' + id }, value), sub ? h('div', { class: 'muted small', id: 'sub-' + id }, sub) : null);
}

export default async function (root, route) {
  const uuid = route.uuid;
  let run;
  try {
    run = await api('/api/runs/' + encodeURIComponent(uuid));
  } catch (e) {
    root.append(h('h1', {}, 'Run'), notice(e.status === 404 ? 'There is no such run: it may have been deleted.' : e.message, 'error'),
      h('a', { href: '#/runs' }, 'Back to the run list'));
    return;
  }
  document.title = `${run.name} · Loadstack`;
  let stopped = false;
  const timers = [];
  let socket = null;
  let socketAlive = false;

  const status = h('span', { id: 'run-status' }, badge(run.status));
  const liveNote = h('span', { class: 'live', id: 'live-note', 'aria-live': 'polite' });
  const actionError = h('div');
  const save = (path) => async () => {
    actionError.replaceChildren();
    try { announce('Downloaded ' + await download(path)); } catch (e) { actionError.replaceChildren(notice(e.message, 'error')); }
  };
  const header = h('div', { class: 'panel' },
    h('div', { class: 'row' }, h('h1', { id: 'run-name' }, h('a', { href: testHref(run.name), title: 'The test: every run of this name' }, run.name)), status, liveNote, h('span', { class: 'spacer' }),
      h('button', { type: 'button', id: 'export-csv', onclick: save(`/api/runs/${uuid}/export.csv`) }, 'Download CSV'),
      h('button', { type: 'button', id: 'export-html', onclick: save(`/api/runs/${uuid}/report.html`) }, 'Download HTML report'),
      h('a', { class: 'button', href: '#/runs?selected=' + uuid }, 'Compare…'),
      isAdmin() ? h('button', { type: 'button', class: 'danger', id: 'delete-run', onclick: remove }, 'Delete') : null),
    h('p', { class: 'muted', id: 'run-meta' }),
    h('div', {}, tags(run.tags)),
    actionError);
  const verdictBox = h('section', { class: 'panel', id: 'verdict', 'aria-labelledby': 'verdict-title' });
  const cards = h('div', { class: 'cards', id: 'cards' });
  const charts = h('div', { class: 'charts', id: 'charts' });
  const endpoints = h('div', { id: 'endpoints' });
  const errors = h('div', { id: 'errors' });
  root.append(header, verdictBox, cards, h('h2', {}, 'Over time'), charts, h('h2', {}, 'Endpoints'), endpoints, h('h2', {}, 'Errors'), errors);

  // The Users card leads with the peak: a finished run's last count is usually 0, which says nothing. While
  // the run goes on, the count now is under it. Stored records lag the live snapshots, so the peak shown is
  // the highest either has seen.
  let peakUsers = 0;
  const usersNow = (n) => `now ${fmt.count(n)}`;

  function renderSummary(r) {
    peakUsers = Math.max(peakUsers, r.maxUsers || 0, r.status === 'RUNNING' ? r.users || 0 : 0);
    header.querySelector('#run-meta').textContent = [
      `Started ${fmt.time(r.startedAt)}`, r.endedAt ? `ended ${fmt.time(r.endedAt)}` : null,
      `by ${r.owner || 'a removed user'}`, `via ${r.origin}`, r.host ? `from ${r.host}` : null,
      r.targetHost ? `against ${r.targetHost}` : null].filter(Boolean).join(' · ');
    status.replaceChildren(badge(r.status));
    cards.replaceChildren(
      card('requests', 'Requests', fmt.count(r.requests), `${fmt.count(r.failures)} failed`),
      card('errorRate', 'Error rate', fmt.percent(r.errorRate)),
      card('rps', 'Throughput', fmt.rps(r.rps), 'average over the run'),
      card('p50', 'p50', fmt.ms(r.p50)),
      card('p95', 'p95', fmt.ms(r.p95)),
      card('p99', 'p99', fmt.ms(r.p99)),
      card('users', 'Peak users', fmt.count(peakUsers), r.status === 'RUNNING' ? usersNow(r.users) : null),
      card('duration', 'Duration', fmt.duration(r.durationSeconds)));
  }

  // Records every 15 s, then the websocket's snapshots after the last record, for a live tail.
  let series = [];
  let tail = [];
  let chartObjects = [];
  const chartData = () => seriesColumns(series, tail);
  function renderCharts() {
    const { xs, col } = chartData();
    if (xs.length === 0) {
      chartObjects.forEach((c) => c.destroy());
      chartObjects = [];
      charts.replaceChildren(h('div', { class: 'panel empty' }, run.status === 'RUNNING'
        ? 'Waiting for the first 15-second record: the charts appear as soon as the load generator reports.'
        : 'This run recorded no data, so there is nothing to chart.'));
      return;
    }
    if (chartObjects.length === 0) {
      charts.replaceChildren();
      chartObjects = chartSpecs.map((s) => {
        const c = lineChart({ id: s.id, title: s.title, format: s.format, floor: s.floor, xs,
          series: s.series.map(([label, key]) => ({ label, values: col(key) })) });
        charts.append(c.el);
        return c;
      });
    } else {
      chartObjects.forEach((c, i) => c.update(xs, chartSpecs[i].series.map(([, key]) => col(key))));
    }
  }

  // A running run's tables are drawn again every refresh: the order the reader chose is kept across.
  const endpointOrder = { sortKey: 'requests', descending: true };
  const errorOrder = { sortKey: 'occurrences', descending: true };
  const keepOrder = (order) => ({ ...order, onSort: (key, desc) => { order.sortKey = key; order.descending = desc; } });

  function renderEndpoints(list) {
    endpoints.replaceChildren(list.length === 0
      ? h('div', { class: 'panel empty' }, 'No endpoint has reported requests yet.')
      : sortableTable(endpointColumns, list, { ...keepOrder(endpointOrder), caption: 'Endpoints of this run' }));
  }

  function renderErrors(list) {
    errors.replaceChildren(list.length === 0
      ? h('div', { class: 'panel empty' }, run.failures > 0
        ? `${fmt.count(run.failures)} failed requests, reported without error messages (the load generator sent counts only).`
        : 'No failures recorded.')
      : sortableTable([
        { key: 'occurrences', label: 'Count', num: true, render: (e) => fmt.count(e.occurrences) },
        { key: 'method', label: 'Method' },
        { key: 'name', label: 'Endpoint', wrap: true },
        { key: 'message', label: 'Message', wrap: true },
      ], list, { ...keepOrder(errorOrder), caption: 'Failures by message' }));
  }

  // The verdict names no baseline for the baseline itself (it is not compared with itself): its test says.
  function renderVerdict(v, testBaseline) {
    const isBaseline = testBaseline === uuid;
    const verdictError = h('div', { id: 'verdict-error' });
    const baselineButton = run.status === 'RUNNING' || isBaseline ? null
      : h('button', { type: 'button', id: 'make-baseline', onclick: async () => {
        verdictError.replaceChildren();
        try {
          await makeBaseline(v.test, uuid);
          announce('This run is now the baseline of ' + v.test);
          await refreshVerdict();
        } catch (e) { verdictError.replaceChildren(notice(e.message, 'error')); }
      } }, 'Make baseline');
    const criteria = v.criteria.length === 0
      ? h('p', { class: 'muted' }, 'No thresholds. ', h('a', { href: testHref(v.test) }, 'Set them on the test page'), '.')
      : h('div', { class: 'table-wrap' }, h('table', { id: 'criteria' }, h('caption', { class: 'sr-only' }, 'Thresholds as judged'),
        h('thead', {}, h('tr', {}, h('th', {}, 'Threshold'), h('th', {}, 'From'), h('th', { class: 'num' }, 'Measured'),
          h('th', {}, 'Result'), h('th', {}, 'Detail'))),
        h('tbody', {}, v.criteria.map((c) => h('tr', { class: c.passed === false ? 'regression' : '', dataset: { passed: String(c.passed) } },
          h('td', {}, h('code', {}, c.expression)), h('td', {}, c.source), h('td', { class: 'num' }, measured(c.value, c.unit)),
          h('td', {}, verdictBadge(c.passed == null ? 'PENDING' : c.passed ? 'PASSED' : 'FAILED')),
          h('td', { class: 'wrap muted small' }, c.detail))))));
    const regressions = v.regressions.length === 0 ? null
      : h('div', { class: 'table-wrap' }, h('table', { id: 'regressions' }, h('caption', {}, 'Regressions against the baseline'),
        h('thead', {}, h('tr', {}, h('th', {}, 'Endpoint'), h('th', {}, 'Metric'), h('th', { class: 'num' }, 'Baseline'),
          h('th', { class: 'num' }, 'This run'), h('th', {}, 'Detail'))),
        h('tbody', {}, v.regressions.map((r) => h('tr', { class: 'regression' },
          h('td', { class: 'wrap' }, r.name ? `${r.method} ${r.name}` : 'whole run'), h('td', {}, r.metric),
          h('td', { class: 'num' }, regressionFigure(r.metric, r.baseline)), h('td', { class: 'num' }, regressionFigure(r.metric, r.value)),
          h('td', { class: 'wrap muted small' }, r.detail))))));
    const baselineText = isBaseline ? h('p', { id: 'baseline-note' }, 'This run is the baseline of its test: the test\'s other runs are compared with it.')
      : v.baseline ? h('p', { id: 'baseline-note' }, 'Compared with the baseline ', h('a', { href: '#/runs/' + v.baseline.uuid }, 'run of ' + fmt.time(v.baseline.startedAt)),
        v.regressions.length === 0 && v.verdict !== 'PENDING' && run.status !== 'RUNNING' ? ': no regression.' : '.')
        : h('p', { class: 'muted', id: 'baseline-note' }, 'The test has no baseline, so this run is not compared with another.');
    verdictBox.replaceChildren(
      h('div', { class: 'row' }, h('h2', { id: 'verdict-title' }, 'Verdict'), h('span', { id: 'verdict-badge' }, verdictBadge(v.verdict)),
        h('span', { class: 'spacer' }),
        h('a', { class: 'button', href: testHref(v.test), id: 'test-link' }, 'Test history'),
        baselineButton,
        h('button', { type: 'button', id: 'export-junit', onclick: save(`/api/runs/${uuid}/junit.xml`) }, 'Download JUnit XML')),
      criteria, regressions, baselineText, verdictError);
  }

  async function refreshVerdict() {
    try {
      const v = await api(`/api/runs/${uuid}/verdict`);
      const test = await api('/api/tests/' + encodeURIComponent(v.test)).catch(() => null);
      if (!stopped) renderVerdict(v, test ? test.baseline : null);
    } catch (e) {
      if (!stopped) verdictBox.replaceChildren(h('h2', {}, 'Verdict'), notice('The verdict could not be read: ' + e.message, 'error'));
    }
  }

  async function refresh() {
    const [r, s, e, errs] = await Promise.all([api('/api/runs/' + uuid), api(`/api/runs/${uuid}/series`),
      api(`/api/runs/${uuid}/endpoints`), api(`/api/runs/${uuid}/errors`)]);
    if (stopped) return;
    run = r; series = s;
    renderSummary(r);
    renderCharts();
    renderEndpoints(e);
    renderErrors(errs);
    await refreshVerdict();
  }

  function onSnapshot(snapshot) {
    if (snapshot.type !== 'snapshot' || snapshot.uuid !== uuid) return;
    socketAlive = true;
    tail.push(snapshot);
    if (tail.length > 900) tail = tail.slice(-900);
    const set = (id, text) => { const el = cards.querySelector('#card-' + id); if (el) el.textContent = text; };
    set('requests', fmt.count(snapshot.requests));
    const failed = cards.querySelector('#sub-requests'); if (failed) failed.textContent = `${fmt.count(snapshot.failures)} failed`;
    set('errorRate', fmt.percent(snapshot.requests ? snapshot.failures / snapshot.requests : 0));
    set('rps', fmt.rps(snapshot.rps));
    const sub = cards.querySelector('#sub-rps'); if (sub) sub.textContent = 'now (live)';
    set('p50', fmt.ms(snapshot.p50)); set('p95', fmt.ms(snapshot.p95)); set('p99', fmt.ms(snapshot.p99));
    peakUsers = Math.max(peakUsers, snapshot.users || 0);
    set('users', fmt.count(peakUsers));
    const now = cards.querySelector('#sub-users'); if (now) now.textContent = usersNow(snapshot.users);
    liveNote.textContent = 'live · ' + fmt.clock(snapshot.at);
    renderCharts();
    if (snapshot.status !== 'RUNNING') finish();
  }

  function connect() {
    const s = session();
    if (!s || !('WebSocket' in window)) return;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    try {
      socket = new WebSocket(`${scheme}//${location.host}/ws/runs/${uuid}?token=${encodeURIComponent(s.token)}`);
    } catch { return; }
    socket.onmessage = (m) => { try { onSnapshot(JSON.parse(m.data)); } catch { /* not a snapshot */ } };
    socket.onclose = () => { socketAlive = false; socket = null; };
    socket.onerror = () => { socketAlive = false; };
  }

  // Without the websocket (no consumer, a proxy that drops upgrades) the page polls instead.
  async function poll() {
    if (stopped) return;
    if (!socketAlive) {
      liveNote.textContent = 'updating every 5 s';
      try { await refresh(); } catch (e) { liveNote.textContent = 'update failed: ' + e.message; }
      if (run.status !== 'RUNNING') { finish(); return; }
    }
    timers.push(setTimeout(poll, POLL_MS));
  }

  function finish() {
    if (stopped) return;
    stopped = true;
    timers.forEach(clearTimeout);
    if (socket) socket.close();
    liveNote.textContent = '';
    stopped = false;
    refresh().catch(() => {}).finally(() => { stopped = true; });
    announce('The run has finished.');
  }

  async function remove() {
    if (!confirm(`Delete the run "${run.name}" and all its records? This cannot be undone.`)) return;
    try {
      await api('/api/runs/' + uuid, { method: 'DELETE' });
      location.hash = '#/runs';
    } catch (e) { actionError.replaceChildren(notice(e.message, 'error')); }
  }

  renderSummary(run);
  await refresh();
  if (run.status === 'RUNNING') {
    connect();
    timers.push(setTimeout(poll, POLL_MS));
    const seriesLoop = async () => {
      if (stopped) return;
      if (socketAlive) { try { await refresh(); } catch { /* the next round tries again */ } }
      timers.push(setTimeout(seriesLoop, SERIES_WHILE_LIVE_MS));
    };
    timers.push(setTimeout(seriesLoop, SERIES_WHILE_LIVE_MS));
  }
  return () => {
    stopped = true;
    timers.forEach(clearTimeout);
    if (socket) socket.close();
    chartObjects.forEach((c) => c.destroy());
  };
}
