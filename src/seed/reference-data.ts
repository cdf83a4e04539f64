import * as fs from 'node:fs';
import * as path from 'node:path';
import { RegionLevel } from '@/regions/region-level.enum';

export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/**
 * Wanzhou District and its 52 townships (National Bureau of Statistics division codes, 2022 edition),
 * from `src/regions/seed/wanzhou-townships.csv`.
 */
export function wanzhouRegions(): RegionRow[] {
  const candidates = [
    path.join(__dirname, '..', 'regions', 'seed', 'wanzhou-townships.csv'),
    path.join(process.cwd(), 'src', 'regions', 'seed', 'wanzhou-townships.csv'),
  ];
  const file = candidates.find((c) => fs.existsSync(c));
  if (!file) throw new Error(`wanzhou-townships.csv not found (looked in ${candidates.join(', ')})`);
  const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  if (header.join(',') !== 'code,name,level,parent_code') throw new Error(`unexpected header in ${file}`);
  return lines.slice(1).map((line) => {
    const [code, name, level, parentCode] = line.split(',');
    return { code, name, level: level as RegionLevel, parentCode: parentCode || null };
  });
}
