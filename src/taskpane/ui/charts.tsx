/**
 * Two small charts in plain SVG: margin per administration by drug, and cumulative cash by month. Each is an
 * image to screen readers, with a title and a description that states what it shows (the same figures are
 * in the lists beside it). Labels are drawn as SVG text, so file- or cell-borne text stays text.
 */
import { tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { moneyShort } from './format';

/** The width of the chart's box in CSS pixels, so the chart is drawn at the pane's own scale (text stays 11 px). */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(300);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (): void => setWidth(Math.max(200, Math.floor(el.getBoundingClientRect().width)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly bad: boolean;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Horizontal bars around a zero line; negative and "bad" bars in the danger colour. */
export function MarginChart(props: { title: string; bars: readonly Bar[] }) {
  const [box, WIDTH] = useWidth();
  const titleId = useId();
  const descId = useId();
  const rowH = 20;
  const top = 4;
  const labelW = Math.min(140, Math.round(WIDTH * 0.32));
  const valueW = 48;
  const plotW = WIDTH - labelW - valueW;
  const max = Math.max(1, ...props.bars.map((b) => Math.abs(b.value)));
  const hasNegative = props.bars.some((b) => b.value < 0);
  const zeroX = labelW + (hasNegative ? plotW / 2 : 0);
  const scale = (hasNegative ? plotW / 2 : plotW) / max;
  const height = top * 2 + props.bars.length * rowH;
  const summary = props.bars.map((b) => `${b.label} ${moneyShort(b.value)}`).join('; ');
  return (
    <div ref={box}>
      <svg role="img" aria-labelledby={`${titleId} ${descId}`} viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} style={{ display: 'block' }}>
        <title id={titleId}>{props.title}</title>
        <desc id={descId}>{summary}</desc>
        <line x1={zeroX} x2={zeroX} y1={0} y2={height} stroke={tokens.colorNeutralStroke1} strokeWidth={1} />
        {props.bars.map((b, i) => {
          const y = top + i * rowH;
          const w = Math.max(1, Math.abs(b.value) * scale);
          const x = b.value >= 0 ? zeroX : zeroX - w;
          const fill = b.bad || b.value < 0 ? tokens.colorPaletteRedBackground3 : tokens.colorBrandBackground;
          return (
            <g key={`${b.label}-${i}`}>
              <text x={labelW - 6} y={y + rowH / 2 + 4} textAnchor="end" fontSize={11} fill={tokens.colorNeutralForeground1}>
                {truncate(b.label, Math.floor(labelW / 6.5))}
              </text>
              <rect x={x} y={y + 3} width={w} height={rowH - 6} fill={fill} rx={2} />
              <text x={WIDTH - 2} y={y + rowH / 2 + 4} textAnchor="end" fontSize={11} fill={tokens.colorNeutralForeground2}>
                {moneyShort(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

export interface CashPoint {
  readonly month: number;
  readonly value: number;
}

/** A line of cumulative cash over the months, with the zero line and the planning period shaded. */
export function CashChart(props: { title: string; points: readonly CashPoint[]; planningMonths: number; paybackMonth: number | null }) {
  const [box, WIDTH] = useWidth();
  const titleId = useId();
  const descId = useId();
  const height = Math.round(Math.min(200, Math.max(130, WIDTH * 0.42)));
  const left = 44;
  const right = 6;
  const top = 8;
  const bottom = 20;
  const pts = props.points;
  if (pts.length === 0) return <div ref={box} />;
  const values = pts.map((p) => p.value);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const span = hi - lo || 1;
  const n = pts.length;
  const x = (i: number): number => left + (i / Math.max(1, n - 1)) * (WIDTH - left - right);
  const y = (v: number): number => top + (1 - (v - lo) / span) * (height - top - bottom);
  const path = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const lowest = pts.reduce((a, b) => (b.value < a.value ? b : a));
  const last = pts[n - 1] as CashPoint;
  const planEnd = props.planningMonths > 0 ? x(props.planningMonths - 1) : left;
  const desc = `Lowest ${moneyShort(lowest.value)} in month ${lowest.month}; ${moneyShort(last.value)} after ${last.month} months${
    props.paybackMonth === null ? '; no payback within the horizon' : `; paid back in operating month ${props.paybackMonth}`
  }.`;
  return (
    <div ref={box}>
      <svg role="img" aria-labelledby={`${titleId} ${descId}`} viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} style={{ display: 'block' }}>
        <title id={titleId}>{props.title}</title>
        <desc id={descId}>{desc}</desc>
        {props.planningMonths > 0 ? (
          <rect x={left} y={top} width={Math.max(0, planEnd - left)} height={height - top - bottom} fill={tokens.colorNeutralBackground3} />
        ) : null}
        <line x1={left} x2={WIDTH - right} y1={y(0)} y2={y(0)} stroke={tokens.colorNeutralStroke1} strokeWidth={1} />
        <path d={path} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={2} />
        <text x={left - 4} y={y(hi) + 4} textAnchor="end" fontSize={10} fill={tokens.colorNeutralForeground3}>
          {moneyShort(hi)}
        </text>
        {lo < 0 ? (
          <text x={left - 4} y={y(lo) + 4} textAnchor="end" fontSize={10} fill={tokens.colorNeutralForeground3}>
            {moneyShort(lo)}
          </text>
        ) : null}
        <text x={left - 4} y={y(0) + 4} textAnchor="end" fontSize={10} fill={tokens.colorNeutralForeground3}>
          $0
        </text>
        <text x={left} y={height - 6} fontSize={10} fill={tokens.colorNeutralForeground3}>
          month 1
        </text>
        <text x={WIDTH - right} y={height - 6} textAnchor="end" fontSize={10} fill={tokens.colorNeutralForeground3}>
          month {last.month}
        </text>
        {props.planningMonths > 0 ? (
          <text x={left + 3} y={top + 11} fontSize={9} fill={tokens.colorNeutralForeground3}>
            planning
          </text>
        ) : null}
      </svg>
    </div>
  );
}
