import { Select, type SelectProps } from 'antd';

/**
 * Ant Design's Select for a required form field. Form.Item hands its control `aria-required`, which
 * Select puts on its outer <div> (no role), an ARIA error (axe: aria-allowed-attr); the field's label
 * already marks it required. Use this instead of Select inside a Form.Item with a required rule.
 */
export function FormSelect<V = string>(
  props: SelectProps<V> & { 'aria-required'?: boolean | 'true' | 'false' },
) {
  const { 'aria-required': _required, ...rest } = props;
  return <Select<V> {...rest} />;
}
