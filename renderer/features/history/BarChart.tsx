import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface Props {
  label: string;
  /** Local midnights, epoch ms. */
  days: number[];
  values: number[];
  unit: string;
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
      y: { range: (_u, _min, max) => [0, Math.max(max, 1)] },
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
        values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? String(s) : '')),
      },
    ],
    series: [
      {},
      {
        label: props.label,
        stroke: accent,
        fill: accent,
        width: 0,
        paths: uPlot.paths.bars!({ size: [short ? 0.55 : 0.7, 28], gap: 1 }),
        points: { show: false },
        value: (_u, v) => (v === null ? '' : `${v} ${props.unit}`),
      },
    ],
  };
}

/** A quiet bar chart of one number per day. */
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

  const total = values.reduce((a, b) => a + b, 0);
  return (
    <figure className="chart">
      <figcaption>
        <span>{props.label}</span>
        <span className="chart-total">
          {total} {props.unit}
        </span>
      </figcaption>
      <div
        ref={host}
        className="chart-plot"
        role="img"
        aria-label={`${props.label}: ${total} ${props.unit} in ${days.length} days`}
      />
    </figure>
  );
}
