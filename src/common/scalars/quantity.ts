/**
 * A stored quantity ("6.000", "2.500": numeric with three decimals) as people write it ("6", "2.5"), for
 * what people read: the console, printed pages, spreadsheets. The console has the same function
 * (web/src/shared/format/quantity.ts).
 */
export function plainQuantity(quantity: string): string {
  return quantity.includes('.') ? quantity.replace(/\.?0+$/, '') : quantity;
}
