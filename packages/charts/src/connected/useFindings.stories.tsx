import type { Meta, StoryObj } from '@storybook/react-vite';
import { QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ChartFrame } from '../shared/ChartFrame';
import { themeVar } from '../theme/palette';
import { SightlineProvider } from './SightlineProvider';
import type { FindingPage, FindingParams, FindingsClient, ReportClient, StoredFinding } from './types';
import { findingsOf, useFindings, useFindingStatus } from './useFindings';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute)).toISOString();

function finding(id: string, patch: Partial<StoredFinding> & Pick<StoredFinding, 'type' | 'details'>) {
  return {
    id: id.repeat(32),
    customer: 'acme',
    severity: 'high',
    score: 70,
    reason: '',
    user: 'ana',
    address: '192.0.2.7',
    firstSeen: at(0),
    lastSeen: at(10),
    evidence: ['t1', 't2'],
    evidenceCount: 2,
    status: 'open',
    updatedAt: at(10),
    statusChangedAt: null,
    statusChangedBy: null,
    ...patch,
  } as StoredFinding;
}

const FINDINGS: StoredFinding[] = [
  finding('a', {
    type: 'push_fatigue',
    severity: 'critical',
    score: 92,
    reason: '9 unanswered pushes in 4 minutes, then approved',
    details: { refused: 9, minutes: 4, approvedBy: 't10', addresses: ['192.0.2.7'] },
  }),
  finding('b', {
    type: 'brute_force',
    reason: '12 invalid passcodes in 9 minutes',
    user: 'bo',
    details: {
      subject: 'user',
      failures: 12,
      invalidPasscodes: 12,
      minutes: 9,
      succeededBy: null,
      users: ['bo'],
    },
  }),
  finding('c', {
    type: 'first_seen',
    severity: 'medium',
    score: 45,
    reason: 'First sign-in from Brazil for cy',
    user: 'cy',
    details: {
      novelties: ['country'],
      country: 'Brazil',
      device: null,
      application: null,
      hour: null,
      baselineDays: 30,
      baselineAttempts: 212,
    },
  }),
];

/**
 * Stands in for `createClient()` from '@sightline/client': pages of two findings, and a
 * status change that answers with the finding as changed.
 */
function findingsClient(
  answer?: (params: FindingParams) => Promise<FindingPage>,
): ReportClient & FindingsClient {
  const stored = new Map(FINDINGS.map((f) => [f.id, f]));
  return {
    runReport: () => Promise.reject(new Error('this story runs no reports')),
    findings: (params = {}) => {
      if (answer) return answer(params);
      const from = params.cursor ? Number(params.cursor) : 0;
      const page = [...stored.values()].slice(from, from + 2);
      const next = from + 2 < stored.size ? String(from + 2) : null;
      return Promise.resolve({ findings: page, nextCursor: next });
    },
    setFindingStatus: (id, change) => {
      const changed = {
        ...stored.get(id)!,
        status: change.status,
        statusChangedAt: at(30),
        statusChangedBy: 'ops',
      };
      stored.set(id, changed);
      return Promise.resolve({ finding: changed, muted: false });
    },
  };
}

/** A provider with a cache of its own and no retries, so each story shows its state at once. */
function Provider({ client, children }: { client: ReportClient & FindingsClient; children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  return (
    <SightlineProvider client={client} queryClient={queryClient}>
      {children}
    </SightlineProvider>
  );
}

interface OpenFindingsProps {
  /** What `useFindings` is asked: any FindingParams but the cursor. */
  params: Omit<FindingParams, 'cursor'>;
}

/**
 * What an app builds from the hooks: `useFindings` pages the list, `useFindingStatus` marks a finding
 * (shown at once, put back if the API refuses), both on the provider's client.
 */
function OpenFindings({ params }: OpenFindingsProps) {
  const list = useFindings(params);
  const status = useFindingStatus();
  const findings = findingsOf(list.data);
  return (
    <ChartFrame
      title="Open findings, most severe first"
      showTitle
      height={160}
      loading={list.isPending}
      error={list.error}
      empty={findings.length === 0}
      emptyMessage="Nothing out of the ordinary."
    >
      <dl data-drawn style={{ margin: 0, color: themeVar.fg }}>
        {findings.map((f) => (
          <div key={f.id} style={{ padding: '6px 0', borderBottom: `1px solid ${themeVar.grid}` }}>
            <dt style={{ fontWeight: 600 }}>
              {f.severity} · {f.type.replaceAll('_', ' ')} · {f.user ?? f.address}
            </dt>
            <dd style={{ margin: 0 }}>
              {f.reason} <span style={{ color: themeVar.muted }}>({f.status})</span>{' '}
              {f.status === 'open' && (
                <button
                  type="button"
                  onClick={() => status.mutate({ id: f.id, change: { status: 'suspicious' } })}
                >
                  Mark {f.user ?? f.address} suspicious
                </button>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {list.hasNextPage && (
        <button type="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          Show more findings
        </button>
      )}
    </ChartFrame>
  );
}

const meta = {
  title: 'Connected/useFindings',
  component: OpenFindings,
  tags: ['autodocs'],
  args: { params: { status: ['open'], sort: 'severity', pageSize: 2 } },
  argTypes: { params: { control: false } },
  decorators: [
    (Story) => (
      <Provider client={findingsClient()}>
        <Story />
      </Provider>
    ),
  ],
} satisfies Meta<typeof OpenFindings>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * `useFindings({ status: ['open'], sort: 'severity', pageSize: 2 })`: a page of two, "Show more"
 * reads the next with its cursor; "Mark … suspicious" is `useFindingStatus().mutate(…)`.
 */
export const OpenMostSevereFirst: Story = {
  // Reads the second page and marks ana's finding, as a reader would: both hooks at work.
  play: async ({ canvasElement }) => {
    const button = (text: string) =>
      [...canvasElement.querySelectorAll('button')].find((b) => b.textContent?.startsWith(text));
    (await until(() => button('Show more findings'))).click();
    await until(() => canvasElement.querySelectorAll('dt').length === FINDINGS.length);
    (await until(() => button('Mark ana suspicious'))).click();
    await until(() => canvasElement.textContent?.includes('(suspicious)'));
  },
};

/** Polls the story's DOM until `check` holds (the hooks answer asynchronously). */
async function until<T>(check: () => T | undefined | false): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the findings story never reached the expected state');
}

/** The API answered with no findings. */
export const NothingFound: Story = {
  decorators: [
    (Story) => (
      <Provider client={findingsClient(() => Promise.resolve({ findings: [], nextCursor: null }))}>
        <Story />
      </Provider>
    ),
  ],
};

/** Still waiting for the API. */
export const Loading: Story = {
  decorators: [
    (Story) => (
      <Provider client={findingsClient(() => new Promise<FindingPage>(() => undefined))}>
        <Story />
      </Provider>
    ),
  ],
};

/** The API refused: its message is shown. */
export const Refused: Story = {
  decorators: [
    (Story) => (
      <Provider
        client={findingsClient(() =>
          Promise.reject(new Error('unknown sort "score": one of last_seen, first_seen, severity')),
        )}
      >
        <Story />
      </Provider>
    ),
  ],
};
