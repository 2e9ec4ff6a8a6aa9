import type { MouseEvent, ReactNode } from 'react';
import { navigateHref } from './useFindingsLocation';

interface FindingsLinkProps {
  /** A Findings page address (findingsHref). */
  href: string;
  current?: boolean;
  className?: string;
  children: ReactNode;
}

/** A real link to the Findings page that navigates in place on a plain click, as NavLink does for routes. */
export function FindingsLink({ href, current = false, className, children }: FindingsLinkProps) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigateHref(href);
  };
  return (
    <a href={href} onClick={onClick} aria-current={current ? 'page' : undefined} className={className}>
      {children}
    </a>
  );
}
