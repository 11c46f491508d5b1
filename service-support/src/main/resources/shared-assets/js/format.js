// Numbers and times for people: 1.2k, 340 ms, 0.4 %, 1 h 02 m, 512 MiB, the viewer's own time zone.
// One file for both pages (the api-service's dashboard and the health dashboard serve it from
// service-support's shared-assets), so the two show the same quantity the same way.
const nf = (digits) => new Intl.NumberFormat(undefined, { maximumFractionDigits: digits });

export function count(n) {
  if (n == null || Number.isNaN(n)) return '–';
  const a = Math.abs(n);
  if (a >= 1e9) return nf(1).format(n / 1e9) + 'G';
  if (a >= 1e6) return nf(1).format(n / 1e6) + 'M';
  if (a >= 1e4) return nf(0).format(n / 1e3) + 'k';
  if (a >= 1e3) return nf(1).format(n / 1e3) + 'k';
  return nf(a < 10 ? 1 : 0).format(n);
}

export const rps = (n) => (n == null ? '–' : count(n) + ' rps');

export function ms(n) {
  if (n == null || Number.isNaN(n)) return '–';
  if (Math.abs(n) >= 10000) return nf(1).format(n / 1000) + ' s';
  if (Math.abs(n) >= 1000) return nf(2).format(n / 1000) + ' s';
  return nf(Math.abs(n) < 10 ? 1 : 0).format(n) + ' ms';
}

export function percent(fraction) {
  if (fraction == null || Number.isNaN(fraction)) return '–';
  const p = fraction * 100;
  if (p === 0) return '0 %';
  return nf(Math.abs(p) < 1 ? 2 : 1).format(p) + ' %';
}

export function signed(text, n) {
  return (n > 0 ? '+' : '') + text;
}

export function time(iso, { seconds = false } = {}) {
  if (!iso) return '–';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short' });
}

export function clock(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : '–';
}

export function duration(seconds) {
  if (seconds == null) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} m`;
  if (m > 0) return `${m} m ${String(r).padStart(2, '0')} s`;
  return `${r} s`;
}

/** How long ago: "just now" under 5 s, else "3 m 05 s ago"; "never" without a time. */
export function ago(iso, now = Date.now()) {
  if (!iso) return 'never';
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  return seconds < 5 ? 'just now' : duration(seconds) + ' ago';
}

/** Binary units, as the JVM and the kernel count memory: 512 MiB, 1.5 GiB. */
export function bytes(n) {
  if (n == null || Number.isNaN(n) || n < 0) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n, i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return nf(i === 0 ? 0 : 1).format(v) + ' ' + units[i];
}
