import { api } from '../api.js';
import { h, notice, badge, sortableTable } from '../dom.js';
import { lineChart } from '../charts.js';
import * as fmt from '../format.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function delta(value, format, worseWhenUp) {
  if (value == null) return '–';
  const worse = worseWhenUp ? value > 0 : value < 0;
  return h('span', { class: value === 0 ? '' : worse ? 'pos' : 'neg' }, fmt.signed(format(value), value));
}

export default async function (root, route) {
  document.title = 'Compare · Loadstack';
  const uuids = (route.params.get('runs') || '').split(',').map((s) => s.trim()).filter((s) => UUID.test(s));
  root.append(h('h1', {}, 'Compare runs'));
  if (uuids.length < 2) {
    const input = h('input', { id: 'compare-input', placeholder: 'uuid, uuid, …', size: 60 });
    root.append(notice('Pick two or more runs: tick them in the run list and press "Compare", or paste their ids here. The first one is the baseline.'),
      h('form', { class: 'row panel', onsubmit: (e) => { e.preventDefault(); location.hash = '#/compare?runs=' + input.value.replace(/\s+/g, ''); } },
        h('label', { for: 'compare-input' }, 'Run ids', input), h('button', { class: 'primary', type: 'submit' }, 'Compare')),
      h('a', { href: '#/runs' }, 'Go to the run list'));
    return;
  }
  let runs, series, comparisons;
  try {
    [runs, series, comparisons] = await Promise.all([
      Promise.all(uuids.map((u) => api('/api/runs/' + u))),
      Promise.all(uuids.map((u) => api(`/api/runs/${u}/series`))),
      Promise.all(uuids.slice(1).map((u) => api(`/api/runs/compare?a=${uuids[0]}&b=${u}`))),
    ]);
  } catch (e) {
    root.append(notice(e.status === 404 ? 'One of these runs no longer exists. Go back to the list and pick again.' : e.message, 'error'),
      h('a', { href: '#/runs' }, 'Go to the run list'));
    return;
  }

  root.append(h('div', { class: 'table-wrap' }, h('table', { id: 'compare-runs' },
    h('thead', {}, h('tr', {}, ['', 'Run', 'Status', 'Started', 'Duration', 'Requests', 'RPS', 'Errors', 'p50', 'p95', 'p99']
      .map((t, i) => h('th', { class: i >= 4 ? 'num' : '' }, t)))),
    h('tbody', {}, runs.map((r, i) => h('tr', {},
      h('td', {}, i === 0 ? 'baseline' : `#${i + 1}`),
      h('td', { class: 'wrap' }, h('a', { href: '#/runs/' + r.uuid }, r.name)),
      h('td', {}, badge(r.status)), h('td', {}, fmt.time(r.startedAt)),
      h('td', { class: 'num' }, fmt.duration(r.durationSeconds)), h('td', { class: 'num' }, fmt.count(r.requests)),
      h('td', { class: 'num' }, fmt.rps(r.rps)), h('td', { class: 'num' }, fmt.percent(r.errorRate)),
      h('td', { class: 'num' }, fmt.ms(r.p50)), h('td', { class: 'num' }, fmt.ms(r.p95)), h('td', { class: 'num' }, fmt.ms(r.p99))))))));

  // Runs start at different times: overlay them on the time since each one's start.
  const xsSet = new Set();
  const perRun = series.map((points, i) => {
    const start = Date.parse(runs[i].startedAt);
    const m = new Map(points.map((p) => [Math.round((Date.parse(p.end) - start) / 1000), p]));
    m.forEach((_, x) => xsSet.add(x));
    return m;
  });
  const xs = [...xsSet].sort((a, b) => a - b);
  const charts = h('div', { class: 'charts', id: 'compare-charts' });
  root.append(h('h2', {}, 'Over time, aligned at each run\'s start'), charts);
  if (xs.length === 0) {
    charts.append(h('div', { class: 'panel empty' }, 'None of these runs has recorded data yet.'));
  } else {
    for (const [title, key, format, floor] of [['p95 response time', 'p95', fmt.ms, 1], ['Throughput', 'rps', fmt.rps, 1],
      ['Error rate', 'errorRate', fmt.percent, 0.01], ['Users', 'users', fmt.count, 1]]) {
      charts.append(lineChart({ title, format, floor, xs, elapsed: true, id: 'compare-' + key,
        series: runs.map((r, i) => ({ label: `${i === 0 ? 'baseline' : '#' + (i + 1)} ${r.name}`,
          values: xs.map((x) => perRun[i].get(x)?.[key] ?? null) })) }).el);
    }
  }

  root.append(h('h2', {}, 'Per endpoint'),
    h('p', { class: 'muted small' }, 'Deltas are against the baseline. A regression: p95 up by more than 10 % and 5 ms, error rate up by more than 1 point, or throughput down by more than 10 %.'));
  comparisons.forEach((c, i) => {
    const regressions = c.endpoints.filter((e) => e.regression).length;
    root.append(h('h3', {}, `${c.b.name} vs baseline ${c.a.name} `,
      regressions ? h('span', { class: 'badge regress' }, `${regressions} regression${regressions > 1 ? 's' : ''}`) : h('span', { class: 'badge COMPLETED' }, 'no regression')));
    const rows = [{ ...c.total, method: '', name: 'All requests' }, ...c.endpoints];
    root.append(sortableTable([
      { key: 'method', label: 'Method' },
      { key: 'name', label: 'Endpoint', wrap: true, render: (e) => [e.name, e.regression ? h('span', { class: 'badge regress' }, ' regression: ' + e.regressions.join(', ')) : null] },
      { key: 'p95a', label: 'p95 base', num: true, value: (e) => e.a?.p95, render: (e) => fmt.ms(e.a?.p95) },
      { key: 'p95b', label: 'p95', num: true, value: (e) => e.b?.p95, render: (e) => fmt.ms(e.b?.p95) },
      { key: 'deltaP95', label: 'Δ p95', num: true, render: (e) => delta(e.deltaP95, fmt.ms, true) },
      { key: 'deltaErrorRate', label: 'Δ errors', num: true, render: (e) => delta(e.deltaErrorRate, fmt.percent, true) },
      { key: 'deltaRps', label: 'Δ RPS', num: true, render: (e) => delta(e.deltaRps, fmt.rps, false) },
      { key: 'requests', label: 'Requests', num: true, value: (e) => e.b?.requests, render: (e) => (e.a ? fmt.count(e.a.requests) : '–') + ' → ' + (e.b ? fmt.count(e.b.requests) : '–') },
    ], rows, { sortKey: 'deltaP95', rowClass: (e) => (e.regression ? 'regression' : ''), caption: `Endpoints of ${c.b.name} against the baseline`, id: 'diff-' + (i + 2) }));
  });
}
