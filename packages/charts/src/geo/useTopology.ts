import { useEffect, useState } from 'react';
import { loadWorldTopology, type WorldTopology } from './topology';

/** What {@link useTopology} reports while the lazy TopoJSON is on its way. */
export type TopologyState =
  { status: 'ready'; topology: WorldTopology } | { status: 'loading' } | { status: 'error'; error: Error };

/**
 * The given topology, or world-atlas loaded lazily after mount. Server render and the first client
 * render agree (both "loading" unless a topology is passed), so hydration never mismatches.
 */
export function useTopology(
  given: WorldTopology | undefined,
  load: () => Promise<WorldTopology> = loadWorldTopology,
): TopologyState {
  const [state, setState] = useState<TopologyState>({ status: 'loading' });
  useEffect(() => {
    if (given) return;
    let live = true;
    load().then(
      (topology) => live && setState({ status: 'ready', topology }),
      (error: unknown) =>
        live &&
        setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
  }, [given, load]);
  return given ? { status: 'ready', topology: given } : state;
}
