import { themeVar } from '../theme/palette';

/**
 * Diagonal hatching over the no-data colour: "no data" must not read as the lowest class (zero),
 * and hatching tells them apart without relying on hue.
 */
export function HatchDef({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width={6} height={6} fill={themeVar.noData} />
        <line x1={0} y1={0} x2={0} y2={6} stroke={themeVar.axis} strokeWidth={1.5} />
      </pattern>
    </defs>
  );
}
