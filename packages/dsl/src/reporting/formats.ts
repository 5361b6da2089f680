/**
 * The report formats of `suan check`, and the one place that makes a reporter for a format —
 * on the main thread for writing, and on worker threads for rendering documents in parallel.
 */
import type { Lang } from '../diagnostics/diagnostic';
import { CsvReporter } from './csv';
import { HtmlReporter } from './html';
import { JsonReporter } from './json';
import { JUnitReporter } from './junit';
import type { Reporter } from './reporter';
import { SarifReporter } from './sarif';
import type { Output } from './sink';
import { TextReporter } from './text';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'csv', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** How one report of a run is written (what a worker needs to render it the same way). */
export interface ReportOptions {
  format: Format;
  lang: Lang;
  /** ANSI colours (text on a terminal). */
  color: boolean;
  verbose: boolean;
  cwd: string;
  /** The report's file (the HTML report needs one). */
  file?: string;
}

/** A reporter of the given format writing to `out`. */
export function createReporter(o: ReportOptions, out: Output): Reporter {
  switch (o.format) {
    case 'text': return new TextReporter(out, { lang: o.lang, color: o.color, verbose: o.verbose, cwd: o.cwd });
    case 'json': return new JsonReporter(out);
    case 'sarif': return new SarifReporter(out);
    case 'junit': return new JUnitReporter(out);
    case 'csv': return new CsvReporter(out);
    case 'html': return new HtmlReporter(out);
  }
}

/** An output that drops what it is given (a worker's reporters only render). */
export const DISCARD: Output = { write: () => undefined, flush: () => undefined, close: () => undefined };
