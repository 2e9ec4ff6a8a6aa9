import { useCallback, useState } from 'react';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect';

/** Width and height used on the server and for the first client render. */
export const defaultChartSize = { width: 640, height: 320 } as const;

export interface UseSizeOptions {
  /** Fixed width in px; when set, the element's width is not observed. */
  width?: number;
  /** Fixed height in px; when set, the element's height is not observed. */
  height?: number;
  /** Width before the element is measured (server render and first client render). */
  initialWidth?: number;
  /** Height before the element is measured (server render and first client render). */
  initialHeight?: number;
}

export interface Size {
  width: number;
  height: number;
}

/** A {@link Size} and whether it is real: fixed, or measured from the element at least once. */
export interface MeasuredSize extends Size {
  measured: boolean;
}

/**
 * Responsive size for a chart container. Server render and the first client render both use the
 * initial size, so hydration matches; the measured size is applied in a layout effect and then kept
 * current with a ResizeObserver. Attach the returned callback `ref` to the container element.
 */
export function useSize<T extends Element = HTMLDivElement>(
  options: UseSizeOptions = {},
): MeasuredSize & { ref: (element: T | null) => void } {
  const { width: fixedWidth, height: fixedHeight } = options;
  const [element, setElement] = useState<T | null>(null);
  const [measured, setMeasured] = useState<MeasuredSize>({
    width: options.initialWidth ?? defaultChartSize.width,
    height: options.initialHeight ?? defaultChartSize.height,
    measured: false,
  });
  const ref = useCallback((node: T | null) => setElement(node), []);
  const observe = fixedWidth === undefined || fixedHeight === undefined;

  useIsomorphicLayoutEffect(() => {
    if (!element || !observe) return;
    const update = (width: number, height: number) =>
      setMeasured((prev) => {
        // A collapsed container (display:none, jsdom) keeps the last good size instead of drawing nothing.
        const next = {
          width: width > 0 ? width : prev.width,
          height: height > 0 ? height : prev.height,
          measured: true,
        };
        return next.width === prev.width && next.height === prev.height && prev.measured ? prev : next;
      });
    const rect = element.getBoundingClientRect();
    update(Math.round(rect.width), Math.round(rect.height));
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) update(Math.round(entry.contentRect.width), Math.round(entry.contentRect.height));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, observe]);

  return {
    ref,
    width: fixedWidth ?? measured.width,
    height: fixedHeight ?? measured.height,
    measured: !observe || measured.measured,
  };
}
