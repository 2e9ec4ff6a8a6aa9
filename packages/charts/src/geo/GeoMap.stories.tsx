import type { Meta, StoryObj } from '@storybook/react-vite';
import { GeoMap } from './GeoMap';
import { everyCountry, failuresByCountry, gridCells, worldTopology } from './fixtures';
import type { GeoRow } from './types';

const meta = {
  title: 'Charts/GeoMap',
  component: GeoMap<GeoRow>,
  tags: ['autodocs'],
  args: {
    title: 'Failed logins by country',
    rows: failuresByCountry,
    mode: 'country',
    topology: worldTopology,
    valueLabel: 'Failed logins',
    classes: 5,
    showTitle: true,
  },
  argTypes: {
    mode: { control: 'inline-radio', options: ['country', 'grid'] },
    classes: { control: { type: 'range', min: 2, max: 9, step: 1 } },
    maxRadius: { control: { type: 'range', min: 4, max: 40, step: 1 } },
    maxZoom: { control: { type: 'range', min: 1, max: 16, step: 1 } },
    loading: { control: 'boolean' },
    showTitle: { control: 'boolean' },
    hideLegend: { control: 'boolean' },
    patterns: { control: 'boolean' },
    rows: { control: false },
    points: { control: false },
    topology: { control: false },
    onSelect: { action: 'select' },
    onOpen: { action: 'open' },
  },
} satisfies Meta<typeof GeoMap<GeoRow>>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Failed logins by `access_device.location.country_code`, with zeros (Iceland, New Zealand) and a country too small for 110m (Singapore, in the table only). */
export const FailuresByCountry: Story = {};

export const Loading: Story = { args: { loading: true } };

export const Empty: Story = { args: { rows: [] } };

export const Error: Story = {
  args: { error: new globalThis.Error('Elasticsearch did not answer in time (504).') },
};

export const OneCountry: Story = { args: { rows: [{ key: 'DE', value: 4420 }] } };

export const EveryCountry: Story = {
  args: { rows: everyCountry, title: 'Logins by country (all countries)' },
};

/** Zero is the lowest class; countries without a row are hatched "no data". */
export const ZeroValues: Story = {
  args: {
    title: 'Fraud reports by country',
    rows: [
      { key: 'US', value: 0 },
      { key: 'FR', value: 0 },
      { key: 'BR', value: 3 },
      { key: 'IN', value: 0 },
    ],
  },
};

export const LongLabels: Story = {
  args: {
    title: 'Denied logins by country, labelled with the reporting region of each security operations team',
    rows: [
      {
        key: 'US',
        value: 812,
        label: 'United States of America (North America SOC, Austin and Reston shifts)',
      },
      { key: 'GB', value: 301, label: 'United Kingdom of Great Britain and Northern Ireland (EMEA SOC)' },
      { key: 'CD', value: 45, label: 'Democratic Republic of the Congo (Africa SOC, partner-operated)' },
    ],
  },
};

/** 5,000 geotile cells from a `geotile_grid` report, as bubbles sized by a square-root scale. */
export const FiveThousandBubbles: Story = {
  args: { title: 'Logins by location (geotile grid)', mode: 'grid', rows: gridCells(5000), maxRadius: 14 },
};

export const GridFewCells: Story = {
  args: {
    title: 'Logins by location',
    mode: 'grid',
    rows: [
      { key: '5/16/10', value: 400, lat: 48.85, lon: 2.35, label: 'Paris' },
      { key: '5/9/12', value: 100, lat: 40.7, lon: -74, label: 'New York' },
      { key: '5/28/12', value: 0, lat: 35.7, lon: 139.7, label: 'Tokyo' },
    ],
  },
};

export const Dark: Story = {
  decorators: [
    (Story) => (
      <div data-theme="dark" style={{ background: 'var(--sl-bg)', color: 'var(--sl-fg)', padding: 16 }}>
        <Story />
      </div>
    ),
  ],
};

export const Light: Story = {
  decorators: [
    (Story) => (
      <div data-theme="light" style={{ background: 'var(--sl-bg)', color: 'var(--sl-fg)', padding: 16 }}>
        <Story />
      </div>
    ),
  ],
};

export const Selected: Story = { args: { selected: 'IN' } };

/** Each colour class also wears its own pattern, in the map and the legend; "no data" keeps its hatch. */
export const Patterns: Story = { args: { patterns: true } };

/** Failed logins by country as the choropleth, with the busiest login locations (geotile cells) as bubbles above it. */
export const CountriesWithPoints: Story = {
  args: {
    title: 'Failed logins by country, with login locations',
    points: gridCells(80),
    pointsLabel: 'Login locations',
    maxRadius: 12,
  },
};

/**
 * With `onOpen`, clicking a country (or Enter on a focused one) opens the rows behind it, as the
 * dashboard opens the log filtered to that country; Space selects it (`onSelect`).
 */
export const DrillDownToRows: Story = {
  args: { title: 'Failed logins by country (click a country to open its rows)', onOpen: () => {} },
};
