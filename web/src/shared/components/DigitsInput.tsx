import { Input, type InputProps, type InputRef } from 'antd';
import { forwardRef } from 'react';
import { halfWidth } from '@web/shared/format/width';

/**
 * An Input for what is typed as digits (amounts, quantities, telephones, ID numbers): full-width ASCII,
 * what a Chinese input method types in its full-width mode, becomes ASCII as it is typed, so that
 * １２００ is 1200 and not a refused amount that looks right.
 */
export const DigitsInput = forwardRef<InputRef, InputProps>(function DigitsInput(
  { onChange, ...props },
  ref,
) {
  return (
    <Input
      ref={ref}
      {...props}
      onChange={(event) => {
        const text = halfWidth(event.target.value);
        if (text !== event.target.value) event.target.value = text;
        onChange?.(event);
      }}
    />
  );
});
