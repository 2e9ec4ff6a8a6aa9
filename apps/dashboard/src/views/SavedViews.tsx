import { useEffect, useId, useRef, useState } from 'react';
import { SavedViewList } from './SavedViewList';
import { SaveViewForm } from './SaveViewForm';
import { useSavedViews } from './useSavedViews';
import './views.css';

/**
 * The customer's saved views behind one toolbar button: a panel on its own line (so it fits a phone)
 * to name and save the current view, and to open, share or delete a saved one. Escape closes it.
 */
export function SavedViews() {
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus lands on the panel as it opens, so a keyboard user starts inside it.
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);
  const views = useSavedViews(open);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <div className="sl-control sl-views__toggle">
        <button
          ref={button}
          type="button"
          className="sl-button sl-button--quiet"
          aria-expanded={open}
          aria-controls={`${id}-panel`}
          onClick={() => setOpen((o) => !o)}
        >
          Saved views
        </button>
      </div>
      {open && (
        <section
          id={`${id}-panel`}
          className="sl-views"
          aria-labelledby={`${id}-title`}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.stopPropagation();
            close();
          }}
        >
          <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>
            Saved views
          </h2>
          <SaveViewForm save={views.save} />
          <SavedViewList
            list={views.list}
            remove={views.remove}
            onOpen={() => setOpen(false)}
            // The deleted view's button is gone: focus stays in the panel rather than falling to the page.
            onDeleted={() => heading.current?.focus()}
          />
          <button type="button" className="sl-button sl-button--quiet sl-views__close" onClick={close}>
            Close
          </button>
        </section>
      )}
    </>
  );
}
