import { themeVar } from '../theme/palette';
import type { StackedAreaLayout } from './useStackedArea';

export interface CrosshairProps {
  /** The chart layout (scales and layers). */
  layout: StackedAreaLayout;
  /** Bucket under the crosshair. */
  index: number;
  /** Series emphasised (hovered band or keyboard choice). */
  activeSeries: string | null;
  /** Colour per series key. */
  colors: ReadonlyMap<string, string>;
}

/** Vertical rule at a bucket with a dot on top of each visible band. The only layer hover redraws. */
export function Crosshair({ layout, index, activeSeries, colors }: CrosshairProps) {
  const t = layout.times[index];
  if (t === undefined) return null;
  const x = layout.x(t);
  return (
    <g aria-hidden="true" pointerEvents="none" data-layer="crosshair" data-index={index}>
      <line x1={x} x2={x} y2={layout.innerHeight} stroke={themeVar.fg} strokeOpacity={0.5} />
      {layout.layers.map((layer) => {
        const point = layer.points[index];
        if (!point) return null;
        const active = layer.key === activeSeries;
        return (
          <circle
            key={layer.key}
            cx={x}
            cy={layout.y(point[1] || 0)}
            r={active ? 5 : 3}
            fill={colors.get(layer.key)}
            stroke={active ? themeVar.focus : themeVar.bg}
            strokeWidth={active ? 2 : 1}
          />
        );
      })}
    </g>
  );
}
