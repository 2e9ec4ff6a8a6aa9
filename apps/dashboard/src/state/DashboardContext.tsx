import { createContext, useContext, type ReactNode } from 'react';
import type { FieldName } from '@sightline/schema';
import type { UpdateState } from './useDashboardState';
import type { DashboardState } from './urlState';

export interface DashboardContextValue {
  state: DashboardState;
  update: UpdateState;
  /** Field labels from the API's catalog. */
  labelOf: (field: FieldName) => string;
}

const DashboardContext = createContext<DashboardContextValue | null>(null);

export function DashboardProvider({
  value,
  children,
}: {
  value: DashboardContextValue;
  children: ReactNode;
}) {
  return <DashboardContext.Provider value={value}>{children}</DashboardContext.Provider>;
}

/** The page-wide state (from the URL), how to change it, and how to name fields. */
export function useDashboard(): DashboardContextValue {
  const value = useContext(DashboardContext);
  if (!value) throw new Error('useDashboard must be used inside <DashboardProvider>');
  return value;
}
