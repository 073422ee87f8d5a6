// Owns drawing one horizontal bar chart as accessible SVG, server-side (no script, no CDN), with the same
// numbers beside it as a GOV.UK table; every bar and every row links to the cases behind it.
import { encode } from 'html-entities';

export interface Bar {
  readonly label: string;
  /** Stacked parts (one per series) or a single value. */
  readonly parts: ReadonlyArray<{ readonly series: string; readonly value: number }>;
  /** The cases behind the bar; null when the bar has no list of its own. */
  readonly href: string | null;
}

export interface BarChart {
  readonly id: string;
  readonly title: string;
  /** One sentence a manager reads first (the chart's point), also the SVG's description. */
  readonly summary: string;
  readonly bars: readonly Bar[];
  /** What a value counts ("cases", "actions"). */
  readonly unit: string;
}

// GOV.UK Design System colours, each at least 3:1 against white (WCAG 2.2 1.4.11 non-text contrast).
const PALETTE = ['#1d70b8', '#00703c', '#d4351c', '#4c2c92', '#f47738', '#5694ca', '#85994b', '#6f72af', '#912b88', '#28a197'];
const ROW = 26;
const LABEL_W = 170;
const CHART_W = 640;
const VALUE_W = 60;

export function seriesColour(series: readonly string[], name: string): string {
  return PALETTE[Math.max(0, series.indexOf(name)) % PALETTE.length]!;
}

export function renderBarChart(chart: BarChart): string {
  const series = [...new Set(chart.bars.flatMap((b) => b.parts.map((p) => p.series)))];
  return `<section class="app-chart govuk-!-margin-bottom-8" aria-labelledby="${chart.id}-title">
  <h2 class="govuk-heading-m" id="${chart.id}-title">${encode(chart.title)}</h2>
  <p class="govuk-body">${encode(chart.summary)}</p>
  ${chart.bars.length ? renderSvg(chart, series) + renderLegend(series) : '<p class="govuk-body govuk-hint">Nothing in this period.</p>'}
  ${chart.bars.length ? renderTable(chart, series) : ''}
</section>`;
}

function renderSvg(chart: BarChart, series: readonly string[]): string {
  const max = Math.max(1, ...chart.bars.map(total));
  const height = chart.bars.length * ROW + 8;
  const width = LABEL_W + CHART_W + VALUE_W;
  const rows = chart.bars.map((bar, i) => {
    const y = 4 + i * ROW;
    let x = LABEL_W;
    const rects = bar.parts.map((p) => {
      const w = (p.value / max) * CHART_W;
      const rect = `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="${seriesColour(series, p.series)}"/>`;
      x += w;
      return rect;
    }).join('');
    // One text element, label then value, so what is seen is where the accessible name starts (WCAG 2.5.3).
    const text = `<text y="${y + ROW / 2 + 4}" class="app-chart__label"><tspan x="${LABEL_W - 8}" text-anchor="end">${encode(bar.label)}</tspan><tspan x="${(x + 6).toFixed(1)}"> ${total(bar)}</tspan></text>`;
    const body = `${rects}${text}`;
    const name = `${bar.label} ${total(bar)} ${chart.unit}${bar.parts.length > 1 ? `: ${bar.parts.map((p) => `${p.series} ${p.value}`).join(', ')}` : ''}`;
    return bar.href ? `<a href="${encode(bar.href)}" aria-label="${encode(`${name}. Show these cases`)}">${body}</a>` : `<g aria-label="${encode(name)}">${body}</g>`;
  }).join('\n    ');
  return `<svg class="app-chart__svg" viewBox="0 0 ${width} ${height}" width="100%" role="group" aria-labelledby="${chart.id}-title" font-family="inherit" font-size="14">
    ${rows}
  </svg>`;
}

function renderLegend(series: readonly string[]): string {
  if (series.length < 2) return '';
  // An SVG swatch: its fill is an attribute, not an inline style the Content-Security-Policy would block.
  const items = series.map((s) => `<li class="app-chart__key"><svg class="app-chart__swatch" width="14" height="14" aria-hidden="true" focusable="false"><rect width="14" height="14" fill="${seriesColour(series, s)}"/></svg> ${encode(s)}</li>`).join('');
  return `<ul class="govuk-list app-chart__legend" aria-label="Key">${items}</ul>`;
}

function renderTable(chart: BarChart, series: readonly string[]): string {
  const stacked = series.length > 1;
  const head = stacked ? series.map((s) => `<th scope="col" class="govuk-table__header govuk-table__header--numeric">${encode(s)}</th>`).join('') : '';
  const rows = chart.bars.map((bar) => {
    const cells = stacked ? series.map((s) => `<td class="govuk-table__cell govuk-table__cell--numeric">${bar.parts.find((p) => p.series === s)?.value ?? 0}</td>`).join('') : '';
    const label = bar.href ? `<a class="govuk-link" href="${encode(bar.href)}">${encode(bar.label)}</a>` : encode(bar.label);
    return `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${label}</th>${cells}<td class="govuk-table__cell govuk-table__cell--numeric">${total(bar)}</td></tr>`;
  }).join('\n      ');
  return `<details class="govuk-details">
    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">${encode(chart.title)}: the numbers</span></summary>
    <div class="govuk-details__text">
    <table class="govuk-table" id="${chart.id}-table">
      <caption class="govuk-table__caption govuk-visually-hidden">${encode(chart.title)}</caption>
      <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header"></th>${head}<th scope="col" class="govuk-table__header govuk-table__header--numeric">${stacked ? 'Total' : encode(capitalise(chart.unit))}</th></tr></thead>
      <tbody class="govuk-table__body">
      ${rows}
      </tbody>
    </table>
    </div>
  </details>`;
}

function total(bar: Bar): number {
  return bar.parts.reduce((n, p) => n + p.value, 0);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
