// decimal.js, typed: its declarations describe a CommonJS module whose `Decimal` member is
// the constructor, while its ES module build default-exports the constructor itself.
import decimalModule from 'decimal.js';

type Constructor = typeof decimalModule.Decimal;
export const Decimal = decimalModule as unknown as Constructor;
export type Decimal = InstanceType<Constructor>;
export type DecimalConstructor = Constructor;
export type DecimalValue = string | number | bigint | Decimal;
