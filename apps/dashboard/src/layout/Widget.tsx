import { useId, type ReactNode } from 'react';
import './widget.css';

/**
 * What a widget shows: nothing yet, stale data while a new answer comes, the answer, nothing, or a
 * failure. Written to `data-state`, so tests and benchmarks can wait for "ready".
 */
export type WidgetState = 'loading' | 'updating' | 'ready' | 'empty' | 'error';

interface WidgetProps {
  /** Stable name for tests and benchmarks (`data-widget`). */
  name: string;
  title: string;
  description?: string;
  state: WidgetState;
  /** Shown in the header's end: a link to the log, a menu. */
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A titled card on a dashboard page. Keeps showing the previous data, dimmed, while it updates. */
export function Widget({ name, title, description, state, actions, className, children }: WidgetProps) {
  const id = useId();
  const updating = state === 'updating';
  return (
    <section
      className={`sl-widget${className ? ` ${className}` : ''}`}
      aria-labelledby={`${id}-title`}
      aria-busy={state === 'loading' || updating}
      data-widget={name}
      data-state={state}
    >
      <header className="sl-widget__header">
        <div>
          <h2 id={`${id}-title`}>{title}</h2>
          {description && <p className="sl-widget__description">{description}</p>}
        </div>
        {actions && <div className="sl-widget__actions">{actions}</div>}
      </header>
      <div className={`sl-widget__body${updating ? ' sl-widget__body--updating' : ''}`}>{children}</div>
    </section>
  );
}

/** Grey blocks in the shape of what is coming, so the page does not jump when data arrives. */
export function Skeleton({ height = 240, label = 'Loading' }: { height?: number; label?: string }) {
  return (
    <div className="sl-skeleton" style={{ height }} role="status">
      <span className="sl-visually-hidden">{label}…</span>
    </div>
  );
}
