import type { FormInstance } from 'antd';

/** A field the API named as wrong, as `errorFieldProblems` gives it (`fundSources[1].source`), with what to say. */
export interface FieldProblem {
  name: string;
  message: string;
}

/**
 * A form's name path of a field the API named: `fundSources[1].source` (or `fundSources.1.source`) →
 * ['fundSources', 1, 'source'].
 */
export function fieldPath(name: string): Array<string | number> {
  return name
    .split(/[.[\]]+/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows each field problem of the API beside its field of `form` (the Form's `name` is `formName`, which
 * makes its fields' ids; a list of fields, 资金来源, carries its own: see FundSourceFields), and scrolls to
 * the first. Returns the problems that no field on screen shows (a field the form has not drawn), for the
 * form to say otherwise.
 */
export function showFieldProblems(
  form: FormInstance,
  formName: string,
  problems: FieldProblem[],
): FieldProblem[] {
  const drawn = (p: FieldProblem) =>
    document.getElementById(`${formName}_${fieldPath(p.name).join('_')}`) !== null;
  const shown = problems.filter(drawn);
  if (shown.length > 0) {
    form.setFields(shown.map((p) => ({ name: fieldPath(p.name), errors: [p.message] })));
    form.scrollToField(fieldPath(shown[0].name), { block: 'center' });
  }
  return problems.filter((p) => !shown.includes(p));
}
