import { registerLabelledEnum } from '@/common/i18n/enum-labels';

export enum RegionLevel {
  DISTRICT = 'DISTRICT',
  TOWNSHIP = 'TOWNSHIP',
  VILLAGE = 'VILLAGE',
}

registerLabelledEnum(RegionLevel, {
  name: 'RegionLevel',
  labels: { DISTRICT: '区', TOWNSHIP: '乡镇', VILLAGE: '村' },
  description:
    'District (区, 6-digit code), township (镇/乡/街道, 9 digits) or village (村/社区, 12 digits).',
});

/** Length of a National Bureau of Statistics division code at each level. */
export const CODE_LENGTH: Record<RegionLevel, number> = {
  [RegionLevel.DISTRICT]: 6,
  [RegionLevel.TOWNSHIP]: 9,
  [RegionLevel.VILLAGE]: 12,
};

export function levelOfCode(code: string): RegionLevel | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  return (Object.keys(CODE_LENGTH) as RegionLevel[]).find((level) => CODE_LENGTH[level] === code.length);
}

export const PARENT_LEVEL: Record<RegionLevel, RegionLevel | undefined> = {
  [RegionLevel.DISTRICT]: undefined,
  [RegionLevel.TOWNSHIP]: RegionLevel.DISTRICT,
  [RegionLevel.VILLAGE]: RegionLevel.TOWNSHIP,
};

/** Codes of the region and all its ancestors, from the district down: `500101001002` → 3 codes. */
export function ancestorCodes(code: string): string[] {
  return [6, 9, 12].filter((n) => n < code.length).map((n) => code.slice(0, n));
}
