/**
 * The shape of a disclosure file (docs/data-format.md), validated with zod. Numbers arrive as
 * their written text (the JSON and YAML readers never turn them into floats). zod's "mini" build:
 * the same checks and issues, a third of the code to load at every start of the CLI.
 */
import * as z from 'zod/mini';

const text = z.string();
export const CellSchema = z.nullable(z.string());
/**
 * A year as a disclosure writes it: four digits, perhaps followed by 年 or 年度 (2021年度), in
 * ASCII or full-width digits (２０２１, as a PDF's text or a Chinese input method gives them), with
 * spaces around its parts ("2021 年度 "). `yearNumber` reads it.
 */
export const YEAR = /^\s*[0-9０-９]{4}\s*(?:年\s*度?)?\s*$/;

/** The year a text that matches `YEAR` stands for. */
export function yearNumber(written: string): number {
  const digits = written.trim().slice(0, 4);
  let n = 0;
  for (let i = 0; i < 4; i++) {
    const c = digits.charCodeAt(i);
    n = n * 10 + (c >= 0xff10 ? c - 0xff10 : c - 48);
  }
  return n;
}

export const TableSchema = z.strictObject({
  title: z.optional(text),
  unit: z.optional(text),
  source: z.optional(text),
  empty: z.optional(z.boolean()),
  columns: z.optional(z.array(text)),
  rows: z.optional(z.array(z.union([z.array(CellSchema), z.record(z.string(), CellSchema)]))),
  csv: z.optional(text),
});

export const FactObjectSchema = z.strictObject({
  value: CellSchema,
  unit: z.optional(text),
  source: z.optional(text),
});

export const DocumentMetaSchema = z.looseObject({
  title: z.optional(text),
  unit: z.optional(text),
  year: z.optional(z.string().check(z.regex(YEAR, { error: 'year' }))),
  kind: z.optional(text),
  currency_unit: z.optional(text),
  source: z.optional(text),
});

export const DisclosureSchema = z.strictObject({
  suan: z.optional(z.union([z.literal('1'), z.literal(1)])),
  document: z.optional(DocumentMetaSchema),
  tables: z.optional(z.record(z.string(), TableSchema)),
  facts: z.optional(z.record(z.string(), z.unknown())),
});

export type DisclosureInput = z.infer<typeof DisclosureSchema>;
export type TableInput = z.infer<typeof TableSchema>;
