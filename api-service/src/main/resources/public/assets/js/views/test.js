import { api } from '../api.js';
import { h, notice, badge, announce } from '../dom.js';
import { lineChart } from '../charts.js';
import * as fmt from '../format.js';
import { verdictBadge } from '../verdicts.js';

/** The tolerances' fields: the API keeps ratios as fractions, the form shows percent. */
const TOLERANCES = [
  { key: 'p95Ratio', label: 'p95 up by more than', unit: '%', percent: true },
  { key: 'p95MinMs', label: 'and by more than', unit: 'ms', percent: false },
  { key: 'errorRatePoints', label: 'Error rate up by more than', unit: 'points (%)', percent: true },
  { key: 'rpsRatio', label: 'Throughput down by more than', unit: '%', percent: true },
];

/** `thresholds[2] 'p95 < x': at 7: expected a number`: the line (0-based in the list sent) and the character (1-based). */
const SYNTAX = /^thresholds\[(\d+)\] '(.*)': at (\d+): (.*)$/s;

export default async function (root, route) {
  const name = route.name;
  const path = '/api/tests/' + encodeURIComponent(name);
  document.title = `${name} · Tests · Loadstack`;
  let test;
  try {
    test = await api(path);
  } catch (e) {
    root.append(h('h1', {}, name), notice(e.status === 404 ? 'There is no test of this name: no run has it and nothing was set on it.' : e.message, 'error'),
      h('a', { href: '#/tests' }, 'Back to the tests'));
    return;
  }
  let stopped = false;
  let charts = [];
  let history = [];

  const summary = h('p', { class: 'muted', id: 'test-summary' });
  const chartBox = h('div', { class: 'charts', id: 'trend' });
  const runsBox = h('div', { id: 'test-runs' });
  const runsError = h('div', { id: 'test-runs-error' });

  const thresholdsField = h('textarea', { id: 'thresholds', name: 'thresholds', rows: 6, cols: 50, spellcheck: 'false',
    'aria-describedby': 'thresholds-help thresholds-error', placeholder: 'p95 < 300ms\nerrors < 1%\nGET /cart: p99 < 500ms' });
  const thresholdsError = h('div', { id: 'thresholds-error', 'aria-live': 'polite' });
  const toleranceInputs = Object.fromEntries(TOLERANCES.map((t) => [t.key,
    h('input', { id: 'tol-' + t.key, name: t.key, type: 'number', min: 0, step: 'any', inputmode: 'decimal', 'aria-describedby': 'tolerances-error' })]));
  const tolerancesError = h('div', { id: 'tolerances-error', 'aria-live': 'polite' });
  const saveError = h('div', { id: 'save-error' });
  const baselineBox = h('p', { id: 'baseline' });

  const form = h('form', { class: 'panel', id: 'test-settings', onsubmit: (e) => { e.preventDefault(); saveSettings(); } },
    h('h2', {}, 'Thresholds'),
    h('label', { for: 'thresholds' }, 'One expression a line; every run of this test is judged by them.'),
    thresholdsField,
    h('p', { class: 'muted small', id: 'thresholds-help' },
      'Metrics: p50 p90 p95 p99 max mean (ms or s), errors (%), rps, requests; operators < <= > >= ==; prefix "METHOD NAME:" for one endpoint. '
      + 'A run is also judged by the thresholds its load generator sent and its launch\'s: its page lists them all.'),
    thresholdsError,
    h('h2', {}, 'Tolerances'),
    h('p', { class: 'muted small' }, 'A run regresses against the baseline when it is worse by more than these.'),
    h('div', { class: 'tolerances' }, TOLERANCES.map((t) => h('label', { for: 'tol-' + t.key }, `${t.label} (${t.unit})`, toleranceInputs[t.key]))),
    tolerancesError,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary', id: 'save-test' }, 'Save thresholds and tolerances')),
    saveError);

  root.append(
    h('div', { class: 'row' }, h('h1', { id: 'test-name' }, name), h('span', { class: 'spacer' }), h('a', { class: 'button', href: '#/tests' }, 'All tests')),
    summary,
    h('h2', {}, 'Over its runs'), chartBox,
    h('section', { class: 'panel' }, h('h2', {}, 'Baseline'), baselineBox),
    form,
    h('h2', {}, 'Runs'), runsError, runsBox);

  function fillForm(t) {
    thresholdsField.value = t.thresholds.join('\n');
    for (const spec of TOLERANCES) {
      const v = t.tolerances[spec.key];
      toleranceInputs[spec.key].value = v == null ? '' : String(spec.percent ? +(v * 100).toFixed(6) : v);
    }
  }

  function renderHeader(t) {
    summary.textContent = `${fmt.count(t.runs)} runs · ${t.thresholds.length} thresholds of its own`
      + (t.baseline ? ' · compared with a baseline' : ' · no baseline');
    baselineBox.replaceChildren(...(t.baseline
      ? ['New runs are compared with the ', h('a', { href: '#/runs/' + t.baseline, id: 'baseline-link' }, 'baseline run'),
        (() => { const b = history.find((r) => r.uuid === t.baseline); return b ? ` of ${fmt.time(b.startedAt)}` : ''; })(), '. ',
        h('button', { type: 'button', id: 'clear-baseline', onclick: () => setBaseline(null) }, 'Clear the baseline')]
      : [h('span', { class: 'muted' }, 'No baseline: pick a finished run below ("Make baseline") to compare every new run with it.')]));
  }

  function renderChart() {
    charts.forEach((c) => c.destroy());
    charts = [];
    if (history.length === 0) {
      chartBox.replaceChildren(h('div', { class: 'panel empty' }, 'No runs yet: the trend appears with the first.'));
      return;
    }
    chartBox.replaceChildren();
    const xs = history.map((r) => Date.parse(r.startedAt) / 1000);
    const failedAt = (key) => history.map((r) => (r.verdict === 'FAILED' ? r[key] : null));
    const passedAt = (key) => history.map((r) => (r.verdict === 'PASSED' ? r[key] : null));
    const specs = [
      { id: 'trend-p95', title: 'p95 per run', format: fmt.ms, key: 'p95' },
      { id: 'trend-errors', title: 'Error rate per run', format: fmt.percent, key: 'errorRate', floor: 0.01 },
      { id: 'trend-rps', title: 'Throughput per run', format: fmt.rps, key: 'rps' },
    ];
    charts = specs.map((s) => {
      const c = lineChart({ id: s.id, title: s.title, format: s.format, floor: s.floor, xs, series: [
        { label: s.title.replace(' per run', ''), values: history.map((r) => r[s.key]) },
        { label: 'passed', values: passedAt(s.key), marks: '--ok' },
        { label: 'failed', values: failedAt(s.key), marks: '--bad' },
      ] });
      chartBox.append(c.el);
      return c;
    });
  }

  function renderRuns() {
    if (history.length === 0) { runsBox.replaceChildren(h('div', { class: 'panel empty' }, 'No runs of this test yet.')); return; }
    runsBox.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { id: 'history' },
      h('caption', { class: 'sr-only' }, 'Runs of this test, newest first'),
      h('thead', {}, h('tr', {}, h('th', {}, 'Started'), h('th', {}, 'Status'), h('th', {}, 'Verdict'),
        h('th', { class: 'num' }, 'Requests'), h('th', { class: 'num' }, 'p95'), h('th', { class: 'num' }, 'Errors'),
        h('th', { class: 'num' }, 'RPS'), h('th', {}, 'Baseline'))),
      h('tbody', {}, [...history].reverse().map((r) => h('tr', { dataset: { uuid: r.uuid, verdict: r.verdict } },
        h('td', {}, h('a', { href: '#/runs/' + r.uuid }, fmt.time(r.startedAt))),
        h('td', {}, badge(r.status)),
        h('td', {}, verdictBadge(r.verdict)),
        h('td', { class: 'num' }, fmt.count(r.requests)),
        h('td', { class: 'num' }, fmt.ms(r.p95)),
        h('td', { class: 'num' }, fmt.percent(r.errorRate)),
        h('td', { class: 'num' }, fmt.rps(r.rps)),
        h('td', {}, r.baseline ? h('span', { class: 'badge baseline' }, 'baseline')
          : r.status === 'RUNNING' ? null
            : h('button', { type: 'button', class: 'make-baseline', onclick: () => setBaseline(r.uuid) }, 'Make baseline'))))))));
  }

  async function loadHistory() {
    history = await api(path + '/runs');
    if (stopped) return;
    renderChart();
    renderRuns();
    renderHeader(test);
  }

  /** Explains a thresholds 400 where the expression is: its line, and a caret under the character. */
  function showThresholdsError(message, sent) {
    const m = SYNTAX.exec(message);
    if (!m) { thresholdsError.replaceChildren(notice(message, 'error')); return; }
    const index = Number(m[1]);
    const expression = sent[index] ?? m[2];
    const column = Number(m[3]);
    thresholdsError.replaceChildren(h('div', { class: 'notice error', role: 'alert', id: 'thresholds-problem' },
      h('div', {}, `Line ${index + 1}, character ${column}: ${m[4]}`),
      h('pre', { class: 'caret', dataset: { line: index + 1, column } }, expression + '\n' + ' '.repeat(Math.max(0, column - 1)) + '^')));
    // Select the character in the text area, so that the cursor is where the fix goes.
    const lines = thresholdsField.value.split('\n');
    let offset = 0, nonEmpty = -1;
    for (const line of lines) {
      if (line.trim()) nonEmpty++;
      if (nonEmpty === index) {
        const start = offset + line.indexOf(line.trim()) + column - 1;
        thresholdsField.focus();
        thresholdsField.setSelectionRange(start, Math.min(start + 1, offset + line.length));
        break;
      }
      offset += line.length + 1;
    }
  }

  function settings(baseline) {
    const tolerances = {};
    for (const spec of TOLERANCES) {
      const raw = toleranceInputs[spec.key].value.trim();
      if (raw !== '') tolerances[spec.key] = spec.percent ? Number(raw) / 100 : Number(raw);
    }
    return { thresholds: thresholdsField.value.split('\n').map((l) => l.trim()).filter(Boolean), tolerances, baseline };
  }

  async function put(body) {
    [thresholdsError, tolerancesError, saveError, runsError].forEach((e) => e.replaceChildren());
    try {
      test = await api(path, { method: 'PUT', json: body });
      return true;
    } catch (e) {
      if (e.status === 400 && /^thresholds/.test(e.message)) showThresholdsError(e.message, body.thresholds);
      else if (e.status === 400 && /tolerances/.test(e.message)) tolerancesError.replaceChildren(notice(e.message, 'error'));
      else saveError.replaceChildren(notice(e.message, 'error'));
      return false;
    }
  }

  async function saveSettings() {
    if (await put(settings(test.baseline))) {
      fillForm(test);
      saveError.replaceChildren(notice('Saved: the runs are judged by these now.', 'ok'));
      announce('Thresholds and tolerances saved');
      await loadHistory();
    }
  }

  // The baseline travels with the saved thresholds and tolerances, not with unsaved edits in the form.
  async function setBaseline(uuid) {
    const body = { thresholds: test.thresholds, tolerances: test.tolerances, baseline: uuid };
    [thresholdsError, tolerancesError, saveError, runsError].forEach((e) => e.replaceChildren());
    try {
      test = await api(path, { method: 'PUT', json: body });
      announce(uuid ? 'Baseline set' : 'Baseline cleared');
      await loadHistory();
    } catch (e) {
      runsError.replaceChildren(notice(e.message, 'error'));
    }
  }

  fillForm(test);
  renderHeader(test);
  try { await loadHistory(); } catch (e) { runsError.replaceChildren(notice(e.message, 'error')); }
  return () => { stopped = true; charts.forEach((c) => c.destroy()); };
}
