/**
 * A quantity as the API gives it ("6.000", "2.500": three decimals) as people write it ("6", "2.5"); the
 * server prints and exports quantities the same way (`plainQuantity`, src/common/scalars/quantity.ts).
 */
export function formatQuantity(quantity: string): string {
  return quantity.includes('.') ? quantity.replace(/\.?0+$/, '') : quantity;
}
