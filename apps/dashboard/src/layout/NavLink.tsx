import type { MouseEvent, ReactNode } from 'react';
import { navigateTo } from '../state/useDashboardState';
import { encodeState, type DashboardState } from '../state/urlState';

interface NavLinkProps {
  to: DashboardState;
  current?: boolean;
  className?: string;
  /** Accessible name, when the visible text alone does not say where the link goes. */
  label?: string;
  children: ReactNode;
}

/** A real link (open in new tab, copy address all work) that navigates in place on a plain click. */
export function NavLink({ to, current = false, className, label, children }: NavLinkProps) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigateTo(to);
  };
  return (
    <a
      href={encodeState(to)}
      onClick={onClick}
      aria-current={current ? 'page' : undefined}
      className={className}
      aria-label={label}
    >
      {children}
    </a>
  );
}
