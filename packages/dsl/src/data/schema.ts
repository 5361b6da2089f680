/**
 * The shape of a disclosure file (docs/data-format.md), validated with zod. Numbers arrive as
 * their written text (the JSON and YAML readers never turn them into floats).
 */
import { z } from 'zod';

const text = z.string();
export const CellSchema = z.string().nullable();
/** A year as a disclosure writes it: four digits. */
export const YEAR = /^\d{4}$/;

export const TableSchema = z.strictObject({
  title: text.optional(),
  unit: text.optional(),
  source: text.optional(),
  empty: z.boolean().optional(),
  columns: z.array(text).optional(),
  rows: z.array(z.union([z.array(CellSchema), z.record(z.string(), CellSchema)])).optional(),
  csv: text.optional(),
});

export const FactObjectSchema = z.strictObject({
  value: CellSchema,
  unit: text.optional(),
  source: text.optional(),
});

export const DocumentMetaSchema = z.looseObject({
  title: text.optional(),
  unit: text.optional(),
  year: z.string().regex(YEAR, { message: 'year' }).optional(),
  kind: text.optional(),
  currency_unit: text.optional(),
  source: text.optional(),
});

export const DisclosureSchema = z.strictObject({
  suan: z.union([z.literal('1'), z.literal(1)]).optional(),
  document: DocumentMetaSchema.optional(),
  tables: z.record(z.string(), TableSchema).optional(),
  facts: z.record(z.string(), z.unknown()).optional(),
});

export type DisclosureInput = z.infer<typeof DisclosureSchema>;
export type TableInput = z.infer<typeof TableSchema>;
