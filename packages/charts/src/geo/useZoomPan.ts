import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';

/** Pan offset and scale applied to the map layer: screen = k · map + (x, y). */
export interface ZoomTransform {
  k: number;
  x: number;
  y: number;
}

export const identity: ZoomTransform = { k: 1, x: 0, y: 0 };

/** Keeps the scale in range and the map covering the viewport, so it can never be panned away. */
export function clampTransform(
  t: ZoomTransform,
  width: number,
  height: number,
  maxScale: number,
): ZoomTransform {
  const k = Math.min(maxScale, Math.max(1, t.k));
  const x = Math.min(0, Math.max(width * (1 - k), t.x));
  const y = Math.min(0, Math.max(height * (1 - k), t.y));
  return { k, x, y };
}

/** Scales by `factor` around the screen point (cx, cy), which stays where it is. */
export function zoomAround(t: ZoomTransform, factor: number, cx: number, cy: number): ZoomTransform {
  const k = t.k * factor;
  return { k, x: cx - ((cx - t.x) / t.k) * k, y: cy - ((cy - t.y) / t.k) * k };
}

export interface ZoomPan {
  transform: ZoomTransform;
  /** Zooms by a factor around a screen point (the centre by default). */
  zoomBy: (factor: number, cx?: number, cy?: number) => void;
  /** Pans by screen pixels. */
  panBy: (dx: number, dy: number) => void;
  /** Pans so a map point sits inside the viewport (used to follow keyboard focus). */
  reveal: (mapX: number, mapY: number) => void;
  reset: () => void;
  /** True while the last change came from a discrete action (button, key): only those animate. */
  discrete: boolean;
  /** Pointer handlers for drag-to-pan; spread on the SVG. */
  pointer: {
    onPointerDown: (event: ReactPointerEvent<SVGSVGElement>) => void;
    onPointerMove: (event: ReactPointerEvent<SVGSVGElement>) => void;
    onPointerUp: (event: ReactPointerEvent<SVGSVGElement>) => void;
  };
  /** Attach to the SVG: wheel zoom needs a non-passive native listener to stop page scroll. */
  attachWheel: (element: SVGSVGElement | null) => void;
  /** True when the pointer moved since it went down: the click that ends a drag is not a selection. */
  wasDragged: () => boolean;
}

/**
 * Zoom and pan without d3-zoom (which pulls in selection, transition and drag: ~12 KB). Wheel zooms
 * around the pointer, dragging pans, and the returned actions serve buttons and keys.
 */
export function useZoomPan(width: number, height: number, maxScale = 8): ZoomPan {
  const [state, setState] = useState({ transform: identity, discrete: false });
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);
  const moved = useRef(false);
  const [svg, setSvg] = useState<SVGSVGElement | null>(null);

  const apply = useCallback(
    (next: (t: ZoomTransform) => ZoomTransform, discrete: boolean) =>
      setState((s) => ({ transform: clampTransform(next(s.transform), width, height, maxScale), discrete })),
    [width, height, maxScale],
  );

  useEffect(() => {
    if (!svg) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = svg.getBoundingClientRect();
      const factor = Math.pow(2, -event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002));
      apply((t) => zoomAround(t, factor, event.clientX - rect.left, event.clientY - rect.top), false);
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [svg, apply]);

  const pointer = {
    onPointerDown: (event: ReactPointerEvent<SVGSVGElement>) => {
      if (event.button !== 0) return;
      moved.current = false;
      drag.current = { id: event.pointerId, x: event.clientX, y: event.clientY };
    },
    onPointerMove: (event: ReactPointerEvent<SVGSVGElement>) => {
      const start = drag.current;
      if (!start || start.id !== event.pointerId) return;
      const dx = event.clientX - start.x;
      const dy = event.clientY - start.y;
      if (dx === 0 && dy === 0) return;
      moved.current = true;
      // Capture only once the pointer really moves, so a plain click still reaches the country.
      if (!event.currentTarget.hasPointerCapture?.(event.pointerId)) {
        event.currentTarget.setPointerCapture?.(event.pointerId);
      }
      drag.current = { id: start.id, x: event.clientX, y: event.clientY };
      apply((t) => ({ ...t, x: t.x + dx, y: t.y + dy }), false);
    },
    onPointerUp: () => {
      drag.current = null;
    },
  };

  return {
    transform: state.transform,
    discrete: state.discrete,
    zoomBy: (factor, cx = width / 2, cy = height / 2) => apply((t) => zoomAround(t, factor, cx, cy), true),
    panBy: (dx, dy) => apply((t) => ({ ...t, x: t.x + dx, y: t.y + dy }), true),
    reveal: (mapX, mapY) =>
      apply((t) => {
        const sx = t.k * mapX + t.x;
        const sy = t.k * mapY + t.y;
        const inside = sx >= 0 && sx <= width && sy >= 0 && sy <= height;
        return inside ? t : { ...t, x: width / 2 - t.k * mapX, y: height / 2 - t.k * mapY };
      }, true),
    reset: () => apply(() => identity, true),
    pointer,
    attachWheel: setSvg,
    wasDragged: () => moved.current,
  };
}
