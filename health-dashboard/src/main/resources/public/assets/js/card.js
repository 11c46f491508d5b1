// One service's card: its status, numbers (format.js, as on the api-service's page) and a 30-minute chart
// of CPU and RSS (uPlot from its WebJar). The database has no process of its own to chart.
import uPlot from '/vendor/uplot/uPlot.esm.js';
import { h } from './dom.js';
import * as fmt from './format.js';

const WINDOW_SECONDS = 30 * 60;
const MiB = 1048576;
const FIELDS = [['cpu', 'CPU (process / host)'], ['memory', 'Memory (heap / max, RSS)'], ['uptime', 'Uptime'],
  ['seen', 'Last seen'], ['restarts', 'Restarts'], ['monit', 'Monit']];

function numbers(view) {
  return {
    cpu: view.cpuProcess == null ? '–' : `${fmt.percent(view.cpuProcess)} / ${fmt.percent(view.cpuSystem)}`,
    memory: view.memUsed == null ? '–' : `${fmt.bytes(view.memUsed)} / ${fmt.bytes(view.memMax)}, ${fmt.bytes(view.memRss)}`,
    uptime: fmt.duration(view.uptime),
    seen: fmt.ago(view.lastSeen),
    restarts: fmt.count(view.restarts ?? 0),
    monit: view.monit ? view.monit.state + (view.monit.pid ? ` (pid ${view.monit.pid})` : '') : '–',
  };
}

/** @returns {{el, render(view), addPoint(t, cpu, rss), showHistory(series), tick(), destroy()}} */
export function serviceCard(name) {
  const badge = h('span', { class: 'badge' }, 'UNKNOWN');
  const detail = h('p', { class: 'detail' });
  const fields = Object.fromEntries(FIELDS.map(([key]) => [key, h('dd', { dataset: { field: key } })]));
  const chartBox = h('div', { class: 'chart' });
  const el = h('article', { class: 'card status-UNKNOWN', dataset: { service: name } },
    h('h3', {}, h('span', {}, name), badge),
    detail,
    h('dl', {}, FIELDS.map(([key, label]) => [h('dt', {}, label), fields[key]])),
    chartBox);
  let view = null;
  let plot = null;
  let data = [[], [], []];

  function chart() {
    if (plot || name === 'database') return plot;
    const width = Math.max(220, chartBox.clientWidth || 280);
    plot = new uPlot({
      width, height: 110,
      legend: { show: false },
      cursor: { show: false },
      scales: { cpu: { range: [0, 100] }, rss: {} },
      axes: [
        { size: 24, font: '10px system-ui' },
        { scale: 'cpu', size: 50, font: '10px system-ui', values: (u, v) => v.map((x) => fmt.percent(x / 100)) },
        { scale: 'rss', side: 1, size: 56, font: '10px system-ui', grid: { show: false },
          values: (u, v) => v.map((x) => (x == null ? '' : fmt.bytes(x * MiB))) },
      ],
      series: [{}, { label: 'CPU', scale: 'cpu', stroke: '#3867d6', width: 1.5, points: { show: false } },
        { label: 'RSS', scale: 'rss', stroke: '#b7791f', width: 1.5, points: { show: false } }],
    }, data, chartBox);
    return plot;
  }

  function push(t, cpu, rss) {
    const [ts, cpus, rsss] = data;
    ts.push(t);
    cpus.push(cpu == null ? null : cpu * 100);
    rsss.push(rss == null ? null : rss / MiB);
    while (ts.length && ts[0] < t - WINDOW_SECONDS) { ts.shift(); cpus.shift(); rsss.shift(); }
    chartBox.dataset.points = String(ts.length);
  }

  return {
    el,
    render(next) {
      view = next;
      el.className = 'card status-' + view.status;
      el.dataset.status = view.status;
      badge.textContent = view.status;
      detail.textContent = view.status === 'UP' ? '' : (view.detail || '');
      for (const [key, text] of Object.entries(numbers(view))) fields[key].textContent = text;
    },
    addPoint(t, cpu, rss) {
      push(t, cpu, rss);
      chart()?.setData(data);
    },
    /** The stored history ({t, cpu, rss}: seconds, fractions, bytes) replaces what the card has. */
    showHistory(series) {
      data = [[], [], []];
      chartBox.dataset.points = '0';
      series.t.forEach((t, i) => push(t, series.cpu[i], series.rss[i]));
      chart()?.setData(data);
    },
    /** "Last seen" moves on even when nothing else changes. */
    tick() {
      if (view) fields.seen.textContent = fmt.ago(view.lastSeen);
    },
    /** Draws the chart even without points yet, once the card is in the page and has its width. */
    draw() { chart(); },
    destroy() { plot?.destroy(); },
  };
}
