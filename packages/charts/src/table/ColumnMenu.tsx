import { useEffect, useRef, useState } from 'react';
import type { RowData } from '@tanstack/react-table';
import { themeVar } from '../theme/palette';
import type { LogTableInstance } from './useLogTable';

/**
 * A disclosure listing every column with a checkbox to show or hide it. It closes on a click outside
 * it and on Escape (focus then returns to its summary), like a menu, which a bare `<details>` does not.
 */
export function ColumnMenu<TRow extends RowData>({ table }: { table: LogTableInstance<TRow> }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);
  const columns = table.getAllLeafColumns();
  const visible = columns.filter((c) => c.getIsVisible()).length;
  return (
    <details
      ref={root}
      open={open}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        event.preventDefault();
        setOpen(false);
        root.current?.querySelector('summary')?.focus();
      }}
      style={{ position: 'relative' }}
    >
      <summary
        // The open state is React's, so the click that toggles it cannot also toggle the element.
        onClick={(event) => {
          event.preventDefault();
          setOpen(!open);
        }}
        style={{ cursor: 'pointer', color: themeVar.fg, padding: '2px 6px' }}
      >
        Columns ({visible}/{columns.length})
      </summary>
      <fieldset
        style={{
          position: 'absolute',
          right: 0,
          zIndex: 2,
          margin: '4px 0 0',
          padding: 8,
          minWidth: 180,
          // A record has dozens of fields: the list scrolls inside the viewport instead of off it.
          maxHeight: 'min(60vh, 480px)',
          overflowY: 'auto',
          background: themeVar.bg,
          color: themeVar.fg,
          border: `1px solid ${themeVar.grid}`,
          borderRadius: 'var(--sl-radius, 4px)',
          boxShadow: '0 4px 12px rgba(0,0,0,0.15)',
        }}
      >
        <legend style={{ padding: 0, fontWeight: 600 }}>Visible columns</legend>
        {columns.map((column) => (
          // 5px above and below space the 13px checkboxes 29px apart: WCAG 2.2's 24px target spacing.
          <label key={column.id} style={{ display: 'flex', gap: 6, alignItems: 'center', padding: '5px 0' }}>
            <input
              type="checkbox"
              checked={column.getIsVisible()}
              // Keep at least one column: an empty grid has nothing to focus or read.
              disabled={column.getIsVisible() && visible === 1}
              onChange={column.getToggleVisibilityHandler()}
            />
            {String(column.columnDef.header)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
