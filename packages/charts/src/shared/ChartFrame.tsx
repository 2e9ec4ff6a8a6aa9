import { useId } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import { themeVar } from '../theme/palette';
import { visuallyHidden } from './visuallyHidden';

/** What a chart is showing: its data, or one of the states that replace it. */
export type ChartStatus = 'ready' | 'loading' | 'empty' | 'error';

export interface ChartStateProps {
  /** Explicit state; wins over `loading`, `error` and `empty`. */
  status?: ChartStatus;
  /** Shows the loading state (data is being fetched). */
  loading?: boolean;
  /** Shows the error state; a string or Error is shown as the message unless `errorMessage` is set. */
  error?: unknown;
  /** Message shown while loading. */
  loadingMessage?: ReactNode;
  /** Message shown when there is nothing to draw. */
  emptyMessage?: ReactNode;
  /** Message shown on error. */
  errorMessage?: ReactNode;
  /** Fresh data is on its way while this is shown: the figure is marked `aria-busy`. */
  busy?: boolean;
}

const stateKeys = [
  'status',
  'loading',
  'error',
  'loadingMessage',
  'emptyMessage',
  'errorMessage',
  'busy',
] as const satisfies readonly (keyof ChartStateProps)[];

/**
 * Splits a chart's props into the state its frame draws and the rest, so each chart hands the
 * frame every state prop, including ones added later, without naming them.
 */
export function splitChartState<P extends ChartStateProps>(
  props: P,
): [ChartStateProps, Omit<P, keyof ChartStateProps>] {
  const state: Record<string, unknown> = {};
  const rest: Record<string, unknown> = { ...(props as Record<string, unknown>) };
  for (const key of stateKeys) {
    if (key in rest) state[key] = rest[key];
    delete rest[key];
  }
  return [state as ChartStateProps, rest as Omit<P, keyof ChartStateProps>];
}

export interface ChartFrameProps extends ChartStateProps {
  /** Accessible name of the chart, rendered as the figure caption. */
  title: string;
  /** Shows the caption visibly; by default it is only read by screen readers. */
  showTitle?: boolean;
  /** True when the data has nothing to draw (combined with the state props). */
  empty?: boolean;
  /** Height reserved for the loading/empty/error states, so the layout does not jump. */
  height?: number;
  /** Class name on the `<figure>`. */
  className?: string;
  /** Inline style on the `<figure>`. */
  style?: CSSProperties;
  /** The chart, rendered only in the `ready` state. */
  children: ReactNode;
}

/** Resolves the state props to one status; explicit `status` first, then error, loading, empty. */
export function resolveStatus(props: ChartStateProps & { empty?: boolean }): ChartStatus {
  if (props.status) return props.status;
  if (props.error) return 'error';
  if (props.loading) return 'loading';
  if (props.empty) return 'empty';
  return 'ready';
}

function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'Something went wrong loading this chart.';
}

const stateStyle: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  textAlign: 'center',
  color: themeVar.muted,
  border: `1px dashed ${themeVar.grid}`,
  borderRadius: 'var(--sl-radius, 4px)',
  padding: 16,
  boxSizing: 'border-box',
};

/**
 * The `<figure>` around every chart: gives it an accessible name and replaces it with a loading,
 * empty or error state (announced through `role="status"` / `role="alert"`).
 */
export function ChartFrame(props: ChartFrameProps) {
  const { title, showTitle = false, height = 320, className, style, children } = props;
  const status = resolveStatus(props);
  const captionId = useId();
  return (
    <figure
      className={className ? `sl-chart ${className}` : 'sl-chart'}
      style={{
        margin: 0,
        position: 'relative',
        fontFamily: themeVar.font,
        fontSize: themeVar.fontSize,
        ...style,
      }}
      aria-labelledby={captionId}
      data-status={status}
      aria-busy={status === 'loading' || props.busy || undefined}
    >
      <figcaption
        id={captionId}
        style={showTitle ? { color: themeVar.fg, fontWeight: 600, marginBottom: 8 } : visuallyHidden}
      >
        {title}
      </figcaption>
      {status === 'ready' && children}
      {status === 'loading' && (
        <div role="status" style={{ ...stateStyle, height, background: themeVar.noData, border: 0 }}>
          {props.loadingMessage ?? 'Loading…'}
        </div>
      )}
      {status === 'empty' && (
        <div role="status" style={{ ...stateStyle, height }}>
          {props.emptyMessage ?? 'No data for this selection.'}
        </div>
      )}
      {status === 'error' && (
        <div
          role="alert"
          style={{ ...stateStyle, height, color: themeVar.danger, borderColor: themeVar.danger }}
        >
          {props.errorMessage ?? errorText(props.error)}
        </div>
      )}
    </figure>
  );
}
