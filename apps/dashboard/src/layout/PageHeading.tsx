import { useEffect, useRef, type ReactNode } from 'react';

interface PageHeadingProps {
  title: string;
  children?: ReactNode;
}

let firstRender = true;

/**
 * The page's h1. After a page change, focus moves here (and the document title follows), so screen
 * reader and keyboard users land at the start of the new content, not on the link they activated.
 */
export function PageHeading({ title, children }: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Sightline`;
    if (firstRender) {
      firstRender = false;
      return;
    }
    ref.current?.focus();
  }, [title]);
  return (
    <div className="sl-page-heading">
      <h1 ref={ref} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
