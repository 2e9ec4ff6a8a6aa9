import type { ReactNode } from 'react';
import { ADMIN_ROUTES, NESTED_ROUTES, ROUTE_NAMES, ROUTES, SUBJECT_ROUTES } from '../state/routes';
import type { DashboardState } from '../state/urlState';
import { NavLink } from './NavLink';
import { ThemeToggle } from './ThemeToggle';

interface AppShellProps {
  state: DashboardState;
  onSignOut: () => void;
  /** Whether the token is an admin's: admin-only pages are in the navigation. */
  admin: boolean;
  /** Links to pages with addresses of their own beside the route table (the Findings page), as list items. */
  extraNav?: ReactNode;
  /** One of those pages is shown, so no route's link is the current page. */
  elsewhere?: boolean;
  /** Time, zone and refresh controls. */
  toolbar: ReactNode;
  /** Filter pills and link notices, above the page. */
  banner: ReactNode;
  children: ReactNode;
}

export function AppShell({
  state,
  onSignOut,
  admin,
  extraNav,
  elsewhere = false,
  toolbar,
  banner,
  children,
}: AppShellProps) {
  const routes = ROUTE_NAMES.filter(
    (route) => !SUBJECT_ROUTES.has(route) && !NESTED_ROUTES.has(route) && (admin || !ADMIN_ROUTES.has(route)),
  );
  return (
    <div className="sl-app">
      <a className="sl-skip-link" href="#main">
        Skip to content
      </a>
      <header className="sl-header">
        <span className="sl-brand">Sightline</span>
        <nav aria-label="Pages">
          <ul className="sl-nav">
            {routes.map((route) => (
              <li key={route}>
                <NavLink
                  to={{ ...state, route }}
                  current={!elsewhere && state.route === route}
                  className="sl-nav__link"
                >
                  {ROUTES[route].title}
                </NavLink>
              </li>
            ))}
            {extraNav}
          </ul>
        </nav>
        <div className="sl-header__actions">
          <ThemeToggle />
          <button type="button" className="sl-button sl-button--quiet" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <section className="sl-toolbar" aria-label="Time range and refresh">
        {toolbar}
      </section>
      {banner}
      <main id="main" tabIndex={-1} className="sl-main">
        {children}
      </main>
    </div>
  );
}
