// Verdicts on the runs list, the run page and the test page (the API is in api-service/README.md, "Verdicts").
import { api } from './api.js';
import { h } from './dom.js';
import * as fmt from './format.js';

/** PASSED, FAILED, PENDING or NONE; a run without thresholds and baseline says so instead of a blank. */
export function verdictBadge(verdict) {
  const v = verdict || 'NONE';
  return h('span', { class: 'badge verdict ' + v, dataset: { verdict: v },
    title: v === 'NONE' ? 'no thresholds and no baseline' : v === 'PENDING' ? 'not decided until the run ends' : null },
  v === 'NONE' ? 'no verdict' : v);
}

/** A criterion's measured value in its unit: latencies in ms, errors in %, throughput per second. */
export function measured(value, unit) {
  if (value == null) return '–';
  if (unit === 'ms') return fmt.ms(value);
  if (unit === '%') return fmt.percent(value / 100);
  if (unit === '/s') return fmt.rps(value);
  return fmt.count(value);
}

/** A regression's figure: errorRate is a fraction, p95 ms, rps per second. */
export function regressionFigure(metric, value) {
  if (value == null) return '–';
  if (metric === 'errorRate') return fmt.percent(value);
  if (metric === 'rps') return fmt.rps(value);
  return fmt.ms(value);
}

export function testHref(name) {
  return '#/tests/' + encodeURIComponent(name);
}

/**
 * Sets a test's baseline: PUT replaces all its settings, so the thresholds and tolerances it has go along
 * unchanged. @returns the test as the API answers it
 */
export async function makeBaseline(name, uuid) {
  const path = '/api/tests/' + encodeURIComponent(name);
  const test = await api(path);
  return api(path, { method: 'PUT', json: { thresholds: test.thresholds, tolerances: test.tolerances, baseline: uuid } });
}
