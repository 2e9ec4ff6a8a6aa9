import { themeVar } from './palette';

/** Pattern shapes, one per series index (cycled), drawn over the series colour. */
const shapes = ['diagonal', 'dots', 'horizontal', 'cross', 'vertical', 'reverse', 'grid', 'rings'] as const;

/** A pattern's mark drawn over its colour. */
export type PatternShape = (typeof shapes)[number];

export interface PatternDefsProps {
  /** Unique prefix for pattern ids (use the chart's id so two charts on a page never clash). */
  idPrefix: string;
  /** Background colours, one pattern per colour, index-aligned with the series. */
  colors: readonly string[];
  /** Shapes the chart already gives another meaning (the map's "no data" hatch), left out of the cycle. */
  exclude?: readonly PatternShape[];
}

/** Id of the pattern for a given series index, as defined by {@link PatternDefs}. */
export function patternId(idPrefix: string, index: number): string {
  return `${idPrefix}-pattern-${index}`;
}

/** `fill` value referencing the pattern for a series index. */
export function patternFill(idPrefix: string, index: number): string {
  return `url(#${patternId(idPrefix, index)})`;
}

function Marks({ shape }: { shape: PatternShape }) {
  const stroke = { stroke: themeVar.bg, strokeWidth: 1.5 };
  switch (shape) {
    case 'diagonal':
      return <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" {...stroke} />;
    case 'reverse':
      return <path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" {...stroke} />;
    case 'horizontal':
      return <path d="M0,4 h8" {...stroke} />;
    case 'vertical':
      return <path d="M4,0 v8" {...stroke} />;
    case 'cross':
      return <path d="M0,0 l8,8 M8,0 l-8,8" {...stroke} strokeWidth={1} />;
    case 'grid':
      return <path d="M0,4 h8 M4,0 v8" {...stroke} strokeWidth={1} />;
    case 'dots':
      return <circle cx={4} cy={4} r={1.6} fill={themeVar.bg} />;
    case 'rings':
      return <circle cx={4} cy={4} r={2} fill="none" {...stroke} strokeWidth={1} />;
  }
}

/**
 * SVG `<defs>` with one pattern per colour (hatching, dots, grids) so series stay distinguishable
 * without relying on hue. Render inside the chart's `<svg>` and fill with {@link patternFill}.
 */
export function PatternDefs({ idPrefix, colors, exclude }: PatternDefsProps) {
  const cycle = exclude ? shapes.filter((shape) => !exclude.includes(shape)) : shapes;
  return (
    <defs>
      {colors.map((color, i) => (
        <pattern key={i} id={patternId(idPrefix, i)} width={8} height={8} patternUnits="userSpaceOnUse">
          <rect width={8} height={8} fill={color} />
          <Marks shape={cycle[i % cycle.length] ?? 'dots'} />
        </pattern>
      ))}
    </defs>
  );
}
