import type { CSSProperties } from 'react';

/**
 * Hides content visually while keeping it in the accessibility tree (works without theme.css): the
 * usual "sr-only" box, absolutely positioned against the chart's `position: relative` frame, 1 px,
 * clipped, overflow hidden. Put it on a block element: a `<table>` ignores `width` and `height` and
 * `overflow`, so it would keep its full height and stretch the page (wrap tables in a div instead).
 */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
  border: 0,
};
