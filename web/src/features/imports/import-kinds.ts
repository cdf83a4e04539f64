import type { ImportKind } from './recent-imports';

/** What each kind of import is called and where its template is. */
export const IMPORT_KINDS: Record<ImportKind, { label: string; template: string; templateName: string }> = {
  assets: { label: '资产台账', template: '/templates/assets.xlsx', templateName: '资产台账模板.xlsx' },
  households: {
    label: '农户信息',
    template: '/templates/households.xlsx',
    templateName: '农户信息导入模板.xlsx',
  },
};

export function isImportKind(value: string | undefined): value is ImportKind {
  return value === 'assets' || value === 'households';
}
