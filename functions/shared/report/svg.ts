/**
 * The report's two charts as small SVG strings drawn by hand (no library,
 * no script): each is an image with a title and a description a screen
 * reader reads, every label escaped, colours that hold in greyscale.
 */
import type { ClockTimeliness, Volumes } from '@hearth/domain';
import { escapeHtml } from '../escape-html.js';

const STAGE1 = '#1d70b8';
const STAGE2 = '#0b0c0c';
const MET = '#00703c';
const BREACHED = '#d4351c';
const FONT = 'font-family="Arial, sans-serif" font-size="12"';

function frame(
  id: string,
  width: number,
  height: number,
  title: string,
  desc: string,
  body: string,
): string {
  const t = `${id}-title`;
  const d = `${id}-desc`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" aria-labelledby="${escapeHtml(t)} ${escapeHtml(d)}">` +
    `<title id="${escapeHtml(t)}">${escapeHtml(title)}</title>` +
    `<desc id="${escapeHtml(d)}">${escapeHtml(desc)}</desc>${body}</svg>`
  );
}

const legend = (x: number, y: number, items: [string, string][]): string =>
  items
    .map(
      ([colour, label], i) =>
        `<rect x="${x + i * 110}" y="${y}" width="12" height="12" fill="${colour}"/>` +
        `<text x="${x + i * 110 + 16}" y="${y + 11}" ${FONT}>${escapeHtml(label)}</text>`,
    )
    .join('');

/**
 * Complaints received by month, stage 1 and stage 2 side by side. Shown
 * neutrally (Code 3.3): volumes are not a score.
 */
export function volumesByMonthChart(volumes: Volumes): string {
  const months = volumes.byMonth;
  const top = Math.max(1, ...months.flatMap((m) => [m.stage1, m.stage2]));
  const slot = 44;
  const left = 40;
  const plot = 160;
  // Room for the bars and for the legend under them.
  const width = Math.max(left + Math.max(1, months.length) * slot + 20, 280);
  const height = plot + 70;
  const y = (n: number) => 20 + plot - (n / top) * plot;
  const bars = months
    .map((m, i) => {
      const x = left + i * slot + 6;
      const bar = (n: number, dx: number, colour: string, stage: number) =>
        `<rect x="${x + dx}" y="${y(n).toFixed(1)}" width="14" height="${((n / top) * plot).toFixed(1)}" fill="${colour}">` +
        `<title>${escapeHtml(`${m.month} stage ${stage}: ${n}`)}</title></rect>`;
      return (
        bar(m.stage1, 0, STAGE1, 1) +
        bar(m.stage2, 16, STAGE2, 2) +
        `<text x="${x + 15}" y="${20 + plot + 16}" text-anchor="middle" ${FONT}>${escapeHtml(m.month)}</text>`
      );
    })
    .join('');
  const axis =
    `<line x1="${left}" y1="${20 + plot}" x2="${width - 10}" y2="${20 + plot}" stroke="#505a5f"/>` +
    `<text x="${left - 6}" y="24" text-anchor="end" ${FONT}>${top}</text>` +
    `<text x="${left - 6}" y="${20 + plot}" text-anchor="end" ${FONT}>0</text>`;
  const desc = months.length
    ? months
        .map((m) => `${m.month}: stage 1 ${m.stage1}, stage 2 ${m.stage2}`)
        .join('; ')
    : 'No months in the period.';
  return frame(
    'volumes-by-month',
    width,
    height,
    'Complaints received by month, stage 1 and stage 2',
    desc,
    axis +
      bars +
      legend(left, plot + 44, [
        [STAGE1, 'Stage 1'],
        [STAGE2, 'Stage 2'],
      ]),
  );
}

/** Each clock's met and breached counts as one stacked bar. */
export function timelinessChart(clocks: readonly ClockTimeliness[]): string {
  const labelWidth = 150;
  const barWidth = 300;
  const row = 28;
  const width = labelWidth + barWidth + 90;
  const height = 20 + clocks.length * row + 40;
  const bars = clocks
    .map((c, i) => {
      const total = c.met + c.breached;
      const y = 20 + i * row;
      const metW = total === 0 ? 0 : (c.met / total) * barWidth;
      const breachedW = total === 0 ? 0 : barWidth - metW;
      return (
        `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end" ${FONT}>${escapeHtml(c.clock)}</text>` +
        `<rect x="${labelWidth}" y="${y}" width="${metW.toFixed(1)}" height="18" fill="${MET}">` +
        `<title>${escapeHtml(`${c.clock}: ${c.met} met`)}</title></rect>` +
        `<rect x="${(labelWidth + metW).toFixed(1)}" y="${y}" width="${breachedW.toFixed(1)}" height="18" fill="${BREACHED}">` +
        `<title>${escapeHtml(`${c.clock}: ${c.breached} breached`)}</title></rect>` +
        (total === 0
          ? `<rect x="${labelWidth}" y="${y}" width="${barWidth}" height="18" fill="none" stroke="#b1b4b6"/>`
          : '') +
        `<text x="${labelWidth + barWidth + 8}" y="${y + 14}" ${FONT}>${escapeHtml(`${c.met}/${total}`)}</text>`
      );
    })
    .join('');
  const desc = clocks.length
    ? clocks
        .map((c) => `${c.clock}: ${c.met} met, ${c.breached} breached`)
        .join('; ')
    : 'No clocks settled in the period.';
  return frame(
    'timeliness-by-clock',
    width,
    height,
    'Timeliness by clock: met and breached',
    desc,
    bars +
      legend(labelWidth, 20 + clocks.length * row + 12, [
        [MET, 'Met'],
        [BREACHED, 'Breached'],
      ]),
  );
}
