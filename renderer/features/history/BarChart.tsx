import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatMinuteOfDay } from '../../../shared/momentumView';

interface Props {
  label: string;
  /** Local midnights, epoch ms. */
  days: number[];
  /** One per day; null for a day without a value (points only). */
  values: (number | null)[];
  unit: string;
  /** Points at a time of day (values are minutes from midnight) instead of bars from zero. */
  timeOfDay?: boolean;
  /** Shown beside the label and read out instead of the total. */
  summary?: string;
}

const css = (name: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim();

function options(width: number, props: Props): uPlot.Options {
  const muted = css('--muted');
  const line = css('--line');
  const accent = css('--accent');
  const short = props.days.length <= 10;
  return {
    width,
    height: 132,
    padding: [8, 4, 0, 0],
    legend: { show: false },
    cursor: { show: true, points: { show: false }, drag: { x: false, y: false } },
    scales: {
      // Half a day of room on each side so the first and last bars are whole.
      x: { time: true, range: (_u, min, max) => [min - 43_200, max + 43_200] },
      y: props.timeOfDay
        ? // Whole hours around the earliest and latest start; the morning at the top.
          {
            dir: -1,
            range: (_u, min, max) => [
              Math.max(0, Math.floor((min ?? 480) / 60) * 60 - 60),
              Math.min(1440, Math.ceil((max ?? 600) / 60) * 60 + 60),
            ],
          }
        : { range: (_u, _min, max) => [0, Math.max(max, 1)] },
    },
    axes: [
      {
        stroke: muted,
        grid: { show: false },
        ticks: { show: false },
        font: '11px "Inter Variable", system-ui, sans-serif',
        values: (_u, splits) =>
          splits.map((s) =>
            new Date(s * 1000).toLocaleDateString(
              'en-US',
              short ? { weekday: 'short' } : { month: 'short', day: 'numeric' },
            ),
          ),
      },
      {
        stroke: muted,
        grid: { stroke: line, width: 1 },
        ticks: { show: false },
        size: 36,
        font: '11px "Inter Variable", system-ui, sans-serif',
        values: (_u, splits) =>
          splits.map((s) =>
            props.timeOfDay
              ? s % 60 === 0
                ? formatMinuteOfDay(s)
                : ''
              : Number.isInteger(s)
                ? String(s)
                : '',
          ),
        ...(props.timeOfDay ? { incrs: [60, 120, 180, 240, 360] } : {}),
      },
    ],
    series: [
      {},
      {
        label: props.label,
        stroke: accent,
        fill: accent,
        width: 0,
        ...(props.timeOfDay
          ? {
              paths: () => null,
              points: { show: true, size: 7, width: 0, fill: accent, stroke: accent },
              value: (_u: uPlot, v: number | null) => (v === null ? '' : formatMinuteOfDay(v)),
            }
          : {
              paths: uPlot.paths.bars!({ size: [short ? 0.55 : 0.7, 28], gap: 1 }),
              points: { show: false },
              value: (_u: uPlot, v: number | null) => (v === null ? '' : `${v} ${props.unit}`),
            }),
      },
    ],
  };
}

/** A quiet chart of one number per day: bars, or points at a time of day. */
export function BarChart(props: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const { days, values } = props;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const data: uPlot.AlignedData = [days.map((d) => d / 1000), values];
    plot.current?.destroy();
    plot.current = new uPlot(options(el.clientWidth || 600, props), data, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height: 132 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Rebuild when the data or the range changes; the options read the theme at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [days, values]);

  const total = values.reduce<number>((a, b) => a + (b ?? 0), 0);
  const summary = props.summary ?? `${total} ${props.unit}`;
  return (
    <figure className="chart">
      <figcaption>
        <span>{props.label}</span>
        <span className="chart-total">{summary}</span>
      </figcaption>
      <div
        ref={host}
        className="chart-plot"
        role="img"
        aria-label={`${props.label}: ${summary} in ${days.length} days`}
      />
    </figure>
  );
}
