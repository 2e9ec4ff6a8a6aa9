import { themeVar } from '../theme/palette';

export interface ZoomControlsProps {
  /** Current scale, to disable the buttons at the limits. */
  scale: number;
  /** Largest scale allowed. */
  maxScale: number;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onReset: () => void;
}

const button = {
  width: 28,
  height: 28,
  padding: 0,
  border: `1px solid ${themeVar.grid}`,
  borderRadius: 'var(--sl-radius, 4px)',
  background: themeVar.bg,
  color: themeVar.fg,
  font: 'inherit',
  fontSize: 16,
  lineHeight: 1,
  cursor: 'pointer',
} as const;

/** Zoom in, out and reset buttons: the pointer-free alternative to wheel and drag. */
export function ZoomControls({ scale, maxScale, onZoomIn, onZoomOut, onReset }: ZoomControlsProps) {
  return (
    <div
      role="group"
      aria-label="Zoom"
      style={{ position: 'absolute', top: 8, right: 8, display: 'flex', flexDirection: 'column', gap: 4 }}
    >
      <button
        type="button"
        style={button}
        aria-label="Zoom in"
        disabled={scale >= maxScale}
        onClick={onZoomIn}
      >
        +
      </button>
      <button type="button" style={button} aria-label="Zoom out" disabled={scale <= 1} onClick={onZoomOut}>
        −
      </button>
      <button
        type="button"
        style={{ ...button, fontSize: 12 }}
        aria-label="Reset zoom"
        disabled={scale <= 1}
        onClick={onReset}
      >
        ⟲
      </button>
    </div>
  );
}
