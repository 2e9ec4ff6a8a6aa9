import { useEffect, useLayoutEffect } from 'react';

/**
 * A layout effect in the browser, a plain effect on the server, where React 18 warns about layout
 * effects (and neither runs).
 */
export const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;
