import type { ReactNode } from 'react';
import { ROUTE_NAMES, ROUTES } from '../state/routes';
import type { DashboardState } from '../state/urlState';
import { NavLink } from './NavLink';
import { ThemeToggle } from './ThemeToggle';

interface AppShellProps {
  state: DashboardState;
  onSignOut: () => void;
  /** Time, zone and refresh controls. */
  toolbar: ReactNode;
  /** Filter pills and link notices, above the page. */
  banner: ReactNode;
  children: ReactNode;
}

export function AppShell({ state, onSignOut, toolbar, banner, children }: AppShellProps) {
  return (
    <div className="sl-app">
      <a className="sl-skip-link" href="#main">
        Skip to content
      </a>
      <header className="sl-header">
        <span className="sl-brand">Sightline</span>
        <nav aria-label="Pages">
          <ul className="sl-nav">
            {ROUTE_NAMES.map((route) => (
              <li key={route}>
                <NavLink to={{ ...state, route }} current={state.route === route} className="sl-nav__link">
                  {ROUTES[route].title}
                </NavLink>
              </li>
            ))}
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
