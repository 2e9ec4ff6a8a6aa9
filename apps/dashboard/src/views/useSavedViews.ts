import type { NewSavedView, SavedView, SavedViewList } from '@sightline/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useClient } from '../api/ApiProvider';

/** Outside the widgets' `sightline` key prefix, so reading the list never counts as the page updating. */
const KEY = ['saved-views'] as const;

/** The customer's saved views, and saving and deleting one; the list is read again after each change. */
export function useSavedViews(enabled: boolean) {
  const client = useClient();
  const queryClient = useQueryClient();
  const list = useQuery<SavedViewList>({
    queryKey: KEY,
    queryFn: ({ signal }) => client.views({ signal }),
    enabled,
    staleTime: 30_000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const save = useMutation<SavedView, Error, NewSavedView>({
    mutationFn: (view) => client.saveView(view),
    onSuccess: refresh,
  });
  const remove = useMutation<SavedView, Error, string>({
    mutationFn: (id) => client.deleteView(id),
    // A view already gone (deleted in another tab) is gone either way: the list is read again.
    onSettled: refresh,
  });
  return { list, save, remove };
}
