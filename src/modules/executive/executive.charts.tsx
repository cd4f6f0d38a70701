// Small server-rendered SVG charts (no script, no library): scalable to 360 px, an accessible
// name, and the numbers always repeated in a table next to them.
import { formatInteger } from '../../platform/format.ts';

export interface BarSeries {
  label: string;
  values: number[];
}

/** Grouped bars: one group per label, one bar per series (at most 3 series). */
export function BarChart({ title, series, legend }: { title: string; series: BarSeries[]; legend: string[] }) {
  const colours = ['#0b5cab', '#2e7d32', '#b26a00'];
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const width = 600;
  const height = 180;
  const pad = 20;
  const groupW = (width - pad) / Math.max(1, series.length);
  const barW = Math.max(1, (groupW * 0.8) / Math.max(1, legend.length));
  return (
    <figure class="exec-chart">
      <svg viewBox={`0 0 ${width} ${height + 24}`} width="100%" role="img" aria-label={title} preserveAspectRatio="xMidYMid meet">
        <title>{title}</title>
        <line x1={pad} y1={height} x2={width} y2={height} stroke="#5f6b76" stroke-width="1" />
        {series.map((s, i) =>
          s.values.map((v, j) => {
            const h = Math.round((v / max) * (height - 10));
            return (
              <rect key={`${i}-${j}`} x={pad + i * groupW + j * barW + groupW * 0.1} y={height - h} width={barW} height={h} fill={colours[j % colours.length]}>
                <title>{`${s.label}: ${legend[j]} ${formatInteger(v)}`}</title>
              </rect>
            );
          }),
        )}
        <text x={pad} y={height + 18} font-size="12" fill="#26323d">
          {series[0]?.label ?? ''}
        </text>
        <text x={width} y={height + 18} font-size="12" fill="#26323d" text-anchor="end">
          {series.length > 1 ? series[series.length - 1]!.label : ''}
        </text>
        <text x={pad + 2} y="12" font-size="12" fill="#26323d">
          {formatInteger(max)}
        </text>
      </svg>
      <figcaption>
        {legend.map((l, j) => (
          <span key={l} class="exec-key">
            <svg width="12" height="12" aria-hidden="true">
              <rect width="12" height="12" fill={colours[j % colours.length]} />
            </svg>{' '}
            {l}{' '}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** A horizontal bar of a share (0–100) with the figure written next to it. */
export function ShareBar({ percent, label }: { percent: number; label: string }) {
  const w = Math.max(0, Math.min(100, percent));
  return (
    <svg viewBox="0 0 100 8" width="100%" height="8" role="img" aria-label={label} preserveAspectRatio="none" class="exec-share">
      <rect width="100" height="8" fill="#e8ecef" />
      <rect width={w} height="8" fill="#0b5cab" />
    </svg>
  );
}
