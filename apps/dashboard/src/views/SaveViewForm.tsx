import { MAX_VIEW_NAME_LENGTH, type NewSavedView, type SavedView } from '@sightline/client';
import type { UseMutationResult } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { sentence } from './sentence';
import { viewAddress } from './viewAddress';

interface SaveViewFormProps {
  save: UseMutationResult<SavedView, Error, NewSavedView>;
}

/** Names the current view (page, range, filters, columns) and saves it; says what the API answered. */
export function SaveViewForm({ save }: SaveViewFormProps) {
  const id = useId();
  const [name, setName] = useState('');
  const [saved, setSaved] = useState('');
  const address = viewAddress(window.location.pathname, window.location.search);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Read at the moment of saving: the view may have changed since the panel opened.
    const now = viewAddress(window.location.pathname, window.location.search);
    if (!now.url || !name.trim()) return;
    setSaved('');
    save.mutate(
      { name, url: now.url },
      {
        onSuccess: (view) => {
          setName('');
          setSaved(`Saved “${view.name}”.`);
        },
      },
    );
  };
  return (
    <form className="sl-views__form" onSubmit={submit}>
      <div className="sl-control">
        <label htmlFor={`${id}-name`}>Name this view</label>
        <input
          id={`${id}-name`}
          type="text"
          value={name}
          maxLength={MAX_VIEW_NAME_LENGTH}
          required
          autoComplete="off"
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <button type="submit" className="sl-button" disabled={save.isPending || !address.url}>
        {save.isPending ? 'Saving…' : 'Save view'}
      </button>
      <p role="status" className="sl-muted sl-views__status">
        {saved}
      </p>
      {address.problem && <p className="sl-views__problem">{address.problem}</p>}
      {save.isError && (
        <p role="alert" className="sl-views__problem">
          Not saved: {sentence(save.error.message)}
        </p>
      )}
    </form>
  );
}
