// Line charts over time with uPlot (served from its WebJar). Colours follow the page's light/dark palette.
import uPlot from '/vendor/uplot/uPlot.esm.js';
import { h } from './dom.js';
import { duration } from './format.js';

export const PALETTE = ['--c1', '--c2', '--c3', '--c4', '--c5'];

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/**
 * series: [{label, values, marks}] (marks: a colour variable, to draw the series as dots only), xs: unix seconds, or seconds since start when elapsed is true (compare).
 * floor: the least top of the y axis, so that a flat zero (no errors) lies on the axis of a sensible
 * scale (0–1 %) instead of uPlot's default 0–100 (which for a fraction reads 0–10,000 %).
 * @returns {{el, update(xs, seriesValues), destroy()}}
 */
export function lineChart({ title, series, xs, format, elapsed = false, id, floor = 1 }) {
  const box = h('div', { class: 'chart', role: 'figure', 'aria-label': title, id });
  box.append(h('h3', {}, title));
  const plotArea = h('div');
  box.append(plotArea);
  // Colours are looked up at every draw, so a switch between light and dark repaints in the new palette.
  const text = () => cssVar('--text'), grid = () => cssVar('--border');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
  const opts = {
    width: 400, height: 220,
    // Every quantity charted here is zero or more: the y axis starts at 0, so changes are not exaggerated.
    scales: { x: { time: !elapsed }, y: { range: (u, min, max) => [0, Math.max(max ?? 0, floor) * 1.1] } },
    legend: { live: true },
    cursor: { drag: { x: true, y: false } },
    series: [
      { label: elapsed ? 'Elapsed' : 'Time', value: elapsed ? (u, v) => (v == null ? '–' : duration(v)) : undefined },
      ...series.map((s, i) => (s.marks ? {
        // A series of marks (a test's failed runs): dots in the colour named, no line between them.
        label: s.label, stroke: () => cssVar(s.marks), width: 2, paths: () => null,
        points: { show: true, size: 11, fill: () => cssVar(s.marks) },
        value: (u, v) => (v == null ? '–' : format(v)),
      } : {
        label: s.label, stroke: () => cssVar(PALETTE[i % PALETTE.length]), width: 2, spanGaps: false,
        points: { show: xs.length < 3 },
        value: (u, v) => (v == null ? '–' : format(v)),
      })),
    ],
    axes: [
      { ...axis, space: 70, values: elapsed ? (u, vals) => vals.map((v) => duration(v)) : undefined },
      { ...axis, size: 64, values: (u, vals) => vals.map((v) => format(v)) },
    ],
  };
  const plot = new uPlot(opts, [xs, ...series.map((s) => s.values)], plotArea);
  // A run of a few seconds has its points at (nearly) one x: uPlot then widens a seconds time scale by
  // 86400 / 1e-3 s, which draws them at the edge of an axis years long. Such runs get a minute around them.
  const fitX = (values) => {
    if (values.length === 0 || values[values.length - 1] - values[0] >= 60) return;
    const first = values[0], last = values[values.length - 1];
    plot.setScale('x', elapsed ? { min: 0, max: Math.max(last, 60) } : { min: first - 30, max: last + 30 });
  };
  fitX(xs);
  box.dataset.points = String(xs.length);
  const resize = () => {
    const width = Math.max(260, plotArea.clientWidth || box.clientWidth - 20);
    plot.setSize({ width, height: width < 500 ? 180 : 220 });
  };
  const observer = new ResizeObserver(resize);
  observer.observe(box);
  const scheme = matchMedia('(prefers-color-scheme: dark)');
  const repaint = () => plot.redraw(true, true);
  scheme.addEventListener('change', repaint);
  requestAnimationFrame(resize);
  return {
    el: box,
    update(newXs, values) {
      plot.setData([newXs, ...values]);
      fitX(newXs);
      box.dataset.points = String(newXs.length);
    },
    destroy() { observer.disconnect(); scheme.removeEventListener('change', repaint); plot.destroy(); },
  };
}
