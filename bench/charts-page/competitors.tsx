import { Area, AreaChart, Cell, Legend, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import { AreaStack, Pie as VisxPie } from '@visx/shape';
import { Group } from '@visx/group';
import { scaleLinear, scaleUtc } from 'd3-scale';
import type { DonutDatum } from '../../packages/charts/src/donut/types';
import type { TimeSeriesData } from '../../packages/charts/src/stacked-area/types';
import { paletteHex } from '../../packages/charts/src/theme/palette';

const color = (i: number) => paletteHex[i % paletteHex.length];
export const W = 800;
export const H = 320;

/** Recharts donut with the same data and features as ours (tooltip, legend), fixed size, animation off. */
export function RechartsDonut({ data }: { data: DonutDatum[] }) {
  return (
    <PieChart width={W} height={H}>
      <Pie
        data={data}
        dataKey="value"
        nameKey="label"
        innerRadius={90}
        outerRadius={150}
        isAnimationActive={false}
      >
        {data.map((d, i) => (
          <Cell key={d.key} fill={color(i)} />
        ))}
      </Pie>
      <Tooltip />
      <Legend />
    </PieChart>
  );
}

/** Recharts stacked areas with axes, tooltip and legend; rows flattened to one object per bucket, as Recharts expects. */
export function RechartsArea({ data }: { data: TimeSeriesData }) {
  const rows = data.rows.map((r) => ({ t: r.t, ...r.values }));
  return (
    <AreaChart width={W} height={H} data={rows}>
      <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} />
      <YAxis />
      <Tooltip />
      <Legend />
      {data.series.map((key, i) => (
        <Area
          key={key}
          dataKey={key}
          stackId="1"
          stroke="none"
          fill={color(i)}
          isAnimationActive={false}
          dot={false}
          activeDot={false}
        />
      ))}
    </AreaChart>
  );
}

export function VisxDonut({ data }: { data: DonutDatum[] }) {
  return (
    <svg width={W} height={H}>
      <Group top={H / 2} left={W / 2}>
        <VisxPie data={data} pieValue={(d) => d.value} outerRadius={150} innerRadius={90} pieSort={null}>
          {(pie) =>
            pie.arcs.map((arc, i) => <path key={arc.data.key} d={pie.path(arc) ?? ''} fill={color(i)} />)
          }
        </VisxPie>
      </Group>
    </svg>
  );
}

export function VisxArea({ data }: { data: TimeSeriesData }) {
  const rows = data.rows;
  const x = scaleUtc()
    .domain([rows[0]!.t, rows[rows.length - 1]!.t])
    .range([0, W]);
  let max = 0;
  for (const r of rows)
    max = Math.max(
      max,
      Object.values(r.values).reduce((a, b) => a + b, 0),
    );
  const y = scaleLinear().domain([0, max]).range([H, 0]);
  return (
    <svg width={W} height={H}>
      <AreaStack
        keys={data.series}
        data={rows}
        value={(d, key) => d.values[key] ?? 0}
        x={(d) => x(d.data.t)}
        y0={(d) => y(d[0])}
        y1={(d) => y(d[1])}
      >
        {({ stacks, path }) => stacks.map((s, i) => <path key={s.key} d={path(s) ?? ''} fill={color(i)} />)}
      </AreaStack>
    </svg>
  );
}
