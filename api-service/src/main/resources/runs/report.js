// Renders the exported report from DATA with the inline uPlot; no request leaves the file.
(function () {
  const nf = (d) => new Intl.NumberFormat(undefined, { maximumFractionDigits: d });
  const count = (n) => n == null ? '–' : Math.abs(n) >= 1e6 ? nf(1).format(n / 1e6) + 'M' : Math.abs(n) >= 1e3 ? nf(1).format(n / 1e3) + 'k' : nf(1).format(n);
  const ms = (n) => n == null ? '–' : n >= 1000 ? nf(2).format(n / 1000) + ' s' : nf(n < 10 ? 1 : 0).format(n) + ' ms';
  const pct = (f) => f == null ? '–' : nf(f * 100 < 1 ? 2 : 1).format(f * 100) + ' %';
  const rps = (n) => n == null ? '–' : count(n) + ' rps';
  const time = (iso) => iso ? new Date(iso).toLocaleString() : '–';
  const dur = (s) => { s = Math.round(s || 0); const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60); return h ? h + ' h ' + m + ' m' : m ? m + ' m ' + (s % 60) + ' s' : s + ' s'; };
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    kids.flat().forEach((k) => k != null && e.append(k instanceof Node ? k : document.createTextNode(String(k))));
    return e;
  }
  const r = DATA.run;
  const root = document.getElementById('content');
  root.replaceChildren();
  root.append(el('p', {}, el('span', { class: 'badge ' + r.status }, r.status), ' ',
    `Started ${time(r.startedAt)} · ${r.endedAt ? 'ended ' + time(r.endedAt) + ' · ' : ''}by ${r.owner || '–'} · run ${r.uuid}`),
    el('div', {}, Object.entries(r.tags || {}).map(([k, v]) => el('span', { class: 'tag' }, k + ': ' + v))));
  const cards = [['Requests', count(r.requests)], ['Failures', count(r.failures)], ['Error rate', pct(r.errorRate)], ['Throughput', rps(r.rps)],
    ['p50', ms(r.p50)], ['p95', ms(r.p95)], ['p99', ms(r.p99)], ['Max users', count(r.maxUsers)], ['Duration', dur(r.durationSeconds)]];
  root.append(el('div', { class: 'cards' }, cards.map(([l, v]) => el('div', { class: 'card' }, el('div', { class: 'label' }, l), el('div', { class: 'value' }, v)))));
  const css = (n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim();
  const xs = DATA.series.map((p) => Date.parse(p.end) / 1000);
  const charts = el('div', { class: 'charts' });
  root.append(el('h2', {}, 'Over time'), charts);
  if (xs.length === 0) charts.append(el('div', { class: 'panel empty' }, 'This run recorded no data.'));
  // Lay out every chart box first, then size each plot to its box, so the grid is settled when measured.
  const specs = xs.length === 0 ? [] : [['Throughput', rps, [['Requests/s', 'rps']]], ['Response time', ms, [['p50', 'p50'], ['p95', 'p95'], ['p99', 'p99']]],
    ['Error rate', pct, [['Errors', 'errorRate']]], ['Users', count, [['Users', 'users']]]];
  const boxes = specs.map(([title]) => { const box = el('div', { class: 'chart' }, el('h3', {}, title)); charts.append(box); return box; });
  const plots = specs.map(([, f, series], n) => {
    const box = boxes[n];
    const axis = { stroke: css('--text'), grid: { stroke: css('--border') }, ticks: { stroke: css('--border') } };
    return new uPlot({ width: Math.max(260, box.clientWidth - 20), height: 220,
      series: [{}].concat(series.map(([label], i) => ({ label, stroke: css(['--c1', '--c2', '--c3'][i]), width: 2, value: (u, v) => v == null ? '–' : f(v) }))),
      axes: [Object.assign({ space: 70 }, axis), Object.assign({ size: 64, values: (u, vals) => vals.map(f) }, axis)] },
    [xs].concat(series.map(([, k]) => DATA.series.map((p) => p[k] == null ? null : p[k]))), box);
  });
  window.addEventListener('resize', () => plots.forEach((p, n) => p.setSize({ width: Math.max(260, boxes[n].clientWidth - 20), height: 220 })));
  function table(caption, cols, rows) {
    return el('div', { class: 'table-wrap' }, el('table', {}, el('caption', { class: 'sr-only' }, caption),
      el('thead', {}, el('tr', {}, cols.map(([h, , num]) => el('th', num ? { class: 'num' } : {}, h)))),
      el('tbody', {}, rows.map((row) => el('tr', {}, cols.map(([, f, num]) => el('td', num ? { class: 'num' } : {}, f(row))))))));
  }
  root.append(el('h2', {}, 'Endpoints'), DATA.endpoints.length === 0 ? el('p', { class: 'muted' }, 'No endpoint data.') : table('Endpoints', [
    ['Method', (e) => e.method], ['Endpoint', (e) => e.name], ['Requests', (e) => count(e.requests), 1], ['Failures', (e) => count(e.failures), 1],
    ['Errors', (e) => pct(e.errorRate), 1], ['Min', (e) => ms(e.min), 1], ['Mean', (e) => ms(e.mean), 1], ['p50', (e) => ms(e.p50), 1],
    ['p90', (e) => ms(e.p90), 1], ['p95', (e) => ms(e.p95), 1], ['p99', (e) => ms(e.p99), 1], ['Max', (e) => ms(e.max), 1], ['RPS', (e) => rps(e.rps), 1]], DATA.endpoints));
  root.append(el('h2', {}, 'Errors'), DATA.errors.length === 0 ? el('p', { class: 'muted' }, 'No failures recorded.') : table('Errors', [
    ['Count', (e) => count(e.occurrences), 1], ['Method', (e) => e.method], ['Endpoint', (e) => e.name], ['Message', (e) => e.message]], DATA.errors));
}());
