import { memo } from 'react';
import type { StackedLayer } from './useStackedArea';

export interface AreaLayerProps {
  /** Layers to draw, bottom first. */
  layers: readonly StackedLayer[];
  /** Fill per series key. */
  fills: ReadonlyMap<string, string>;
  /** Series emphasised from the legend; the others fade. */
  highlight: string | null;
  /** Adds CSS transitions (off when the reader prefers reduced motion). */
  animate: boolean;
}

/** The stacked bands. Memoised: hover and crosshair changes never re-render these paths. */
export const AreaLayer = memo(function AreaLayer({ layers, fills, highlight, animate }: AreaLayerProps) {
  return (
    <g aria-hidden="true" data-layer="areas">
      {layers.map((layer) => (
        <path
          key={layer.key}
          d={layer.path}
          fill={fills.get(layer.key)}
          fillOpacity={highlight === null || highlight === layer.key ? 0.85 : 0.25}
          data-series={layer.key}
          style={animate ? { transition: 'fill-opacity 150ms' } : undefined}
        />
      ))}
    </g>
  );
});
