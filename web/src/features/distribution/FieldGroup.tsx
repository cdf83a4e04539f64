import type { ReactNode } from 'react';

/** A group of fields with its caption (a fieldset and legend, so a screen reader names the group). */
export function FieldGroup({ legend, children }: { legend: ReactNode; children: ReactNode }) {
  return (
    <fieldset
      style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: '4px 16px 12px', marginBottom: 16 }}
    >
      <legend
        style={{ width: 'auto', padding: '0 4px', marginBottom: 0, border: 0, fontSize: 14, fontWeight: 600 }}
      >
        {legend}
      </legend>
      {children}
    </fieldset>
  );
}
