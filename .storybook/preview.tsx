import type { Decorator, Preview } from '@storybook/react-vite';
import '../packages/charts/src/theme/theme.css';

/** Renders every story inside a themed surface; the toolbar's Theme switch sets `data-theme`. */
const withTheme: Decorator = (Story, context) => {
  const theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  return (
    <div data-theme={theme} style={{ background: 'var(--sl-bg)', color: 'var(--sl-fg)', padding: 16 }}>
      <Story />
    </div>
  );
};

const preview: Preview = {
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'Colour theme of the charts',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    // Marks violations as failures in the a11y panel. Nothing runs the panel in CI (there is no
    // Storybook test runner here): test/e2e/storybook-a11y.test.ts checks every story with axe instead.
    a11y: { test: 'error' },
  },
};

export default preview;
