import type { SavedView, SavedViewList as ViewList } from '@sightline/client';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { useState, type MouseEvent } from 'react';
import { copyText } from '../builder/copyText';
import { navigateHref } from '../findings/useFindingsLocation';
import { ErrorState } from '../layout/ErrorState';
import { useDashboard } from '../state/DashboardContext';
import { sentence } from './sentence';
import { viewHref } from './viewAddress';

interface SavedViewListProps {
  list: UseQueryResult<ViewList>;
  remove: UseMutationResult<SavedView, Error, string>;
  /** Called when a view is opened in place. */
  onOpen: () => void;
  /** Called after a view is deleted, when its row and buttons are gone. */
  onDeleted: () => void;
}

/** The saved views by name: each opens in place, copies its link, or is deleted. */
export function SavedViewList({ list, remove, onOpen, onDeleted }: SavedViewListProps) {
  const { state } = useDashboard();
  const [said, setSaid] = useState('');
  if (list.isPending) return <p className="sl-muted">Loading saved views…</p>;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const { views, limit } = list.data;
  const open = (href: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onOpen();
    navigateHref(href);
  };
  return (
    <>
      <p className="sl-muted">
        {views.length === 0
          ? 'No saved views yet.'
          : `${views.length} of at most ${limit} views, shared by everyone reading this customer.`}
      </p>
      {views.length > 0 && (
        <ul className="sl-views__list" aria-label="Saved views">
          {views.map((view) => {
            const href = viewHref(view.url, state.customer);
            return (
              <li key={view.id} className="sl-views__item">
                <a href={href} onClick={open(href)} className="sl-views__name">
                  {view.name}
                </a>
                <span className="sl-muted sl-views__owner">by {view.owner}</span>
                <span className="sl-views__actions">
                  <button
                    type="button"
                    className="sl-button sl-button--quiet"
                    aria-label={`Copy link to ${view.name}`}
                    onClick={() =>
                      copyText(new URL(href, window.location.origin).href).then(
                        () => setSaid(`Copied the link to “${view.name}”.`),
                        (error: unknown) =>
                          setSaid(`Copy failed: ${error instanceof Error ? error.message : String(error)}`),
                      )
                    }
                  >
                    Copy link
                  </button>
                  <button
                    type="button"
                    className="sl-button sl-button--quiet"
                    aria-label={`Delete ${view.name}`}
                    disabled={remove.isPending && remove.variables === view.id}
                    onClick={() =>
                      remove.mutate(view.id, {
                        onSuccess: () => {
                          setSaid(`Deleted “${view.name}”.`);
                          onDeleted();
                        },
                      })
                    }
                  >
                    Delete
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <p role="status" className="sl-muted sl-views__status">
        {said}
      </p>
      {remove.isError && (
        <p role="alert" className="sl-views__problem">
          Not deleted: {sentence(remove.error.message)}
        </p>
      )}
    </>
  );
}
