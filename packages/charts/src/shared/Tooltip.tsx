import type { ReactNode } from 'react';
import { themeVar } from '../theme/palette';

export interface TooltipProps {
  /** Id, so the focused mark can point at it with `aria-describedby`. */
  id?: string;
  /** Anchor x in px, relative to the positioned chart container. */
  x: number;
  /** Anchor y in px, relative to the positioned chart container. */
  y: number;
  /** Container width; the tooltip flips to the left of the anchor past the middle. */
  containerWidth: number;
  /** Tooltip content. */
  children: ReactNode;
}

/**
 * A small HTML tooltip positioned over the chart. It never takes pointer events, so hovering stays
 * on the marks underneath; the same content is reachable by keyboard through the focused mark.
 */
export function Tooltip({ id, x, y, containerWidth, children }: TooltipProps) {
  const flip = x > containerWidth / 2;
  return (
    <div
      id={id}
      role="tooltip"
      className="sl-tooltip"
      style={{
        position: 'absolute',
        left: 0,
        top: 0,
        transform: `translate(${Math.round(x)}px, ${Math.round(y)}px) translate(${flip ? 'calc(-100% - 12px)' : '12px'}, -50%)`,
        pointerEvents: 'none',
        willChange: 'transform',
        background: themeVar.tooltipBg,
        color: themeVar.tooltipFg,
        padding: '6px 8px',
        borderRadius: 'var(--sl-radius, 4px)',
        fontSize: themeVar.fontSize,
        lineHeight: 1.4,
        whiteSpace: 'nowrap',
        boxShadow: '0 2px 8px rgba(0,0,0,0.2)',
        zIndex: 1,
      }}
    >
      {children}
    </div>
  );
}

export interface TooltipRowProps {
  /** Swatch colour. */
  color: string;
  /** Series or slice name. */
  label: ReactNode;
  /** Formatted value. */
  value: ReactNode;
  /** Emphasises the row (the hovered or focused series). */
  active?: boolean;
}

/** One "swatch — label — value" line inside a tooltip. */
export function TooltipRow({ color, label, value, active }: TooltipRowProps) {
  return (
    <div style={{ display: 'flex', gap: 6, alignItems: 'center', fontWeight: active ? 700 : 400 }}>
      <span aria-hidden style={{ width: 8, height: 8, borderRadius: 2, background: color, flex: 'none' }} />
      <span style={{ flex: 1 }}>{label}</span>
      <span style={{ fontVariantNumeric: 'tabular-nums', marginLeft: 12 }}>{value}</span>
    </div>
  );
}
