import { registerEnumType } from '@nestjs/graphql';
import { Locale } from './locale';

/**
 * The labels of enum values (租金 for IncomeKind.RENT, 资产管护 for DistributionChannel.ASSET_UPKEEP …),
 * keyed by the enum's GraphQL name and the value. Each feature keeps its typed, exhaustive map beside
 * its enum and registers it here with {@link registerLabelledEnum}; reports, exports, printables and
 * the GraphQL schema's value descriptions all read the labels from here. English is the value itself.
 */
const LABELS = new Map<string, Readonly<Record<string, string>>>();

/**
 * Registers a GraphQL enum whose values are described by their Chinese labels (what the console and
 * the reports show), and records the labels for {@link enumLabel}.
 */
export function registerLabelledEnum<E extends Record<string, string>>(
  values: E,
  options: { name: string; description?: string; labels: Record<E[keyof E], string> },
): void {
  const labels = options.labels as Record<string, string>;
  for (const value of Object.values(values)) {
    if (!labels[value]) throw new Error(`enum ${options.name}: no label for ${value}`);
  }
  LABELS.set(options.name, labels);
  registerEnumType(values, {
    name: options.name,
    ...(options.description ? { description: options.description } : {}),
    valuesMap: Object.fromEntries(
      Object.keys(values).map((key) => [key, { description: labels[values[key]] }]),
    ) as Partial<Record<keyof E, { description: string }>>,
  });
}

/** The label of `value` of the enum `enumName` in `locale` (the value itself in English or if unknown). */
export function enumLabel(
  enumName: string,
  value: string | null | undefined,
  locale: Locale = 'zh-CN',
): string {
  if (value === null || value === undefined) return '';
  if (locale === 'en') return value;
  return LABELS.get(enumName)?.[value] ?? value;
}

/** The enums with labels (for tests and docs). */
export function labelledEnums(): string[] {
  return [...LABELS.keys()].sort();
}
