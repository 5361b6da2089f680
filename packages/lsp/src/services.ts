/**
 * The services object: everything a feature needs, made by one plain function (no DI
 * framework). Features are functions of `(services, params)`; the server wires them to LSP.
 */
import type { Lang } from '@suan/dsl';
import { InlineEvaluator, WorkerEvaluator, type Evaluator } from './evaluation';
import { NodeFileSystem, type FileSystem } from './file-system';
import { DEFAULT_SETTINGS, Workspace, type Settings } from './workspace';

export interface SuanServices {
  workspace: Workspace;
  evaluator: Evaluator;
  /** The reader's language (zh-CN or en), from the client's locale or the `suan.lang` setting. */
  lang(): Lang;
  settings(): Settings;
  log(message: string): void;
}

export interface ServiceOptions {
  fs?: FileSystem;
  /** `worker` (default when a worker file is given): evaluate in a worker thread; `inline`: on the server's thread. */
  evaluator?: Evaluator | 'inline' | 'worker';
  /** The script a worker thread runs (the server bundle itself). */
  workerFile?: string;
  settings?: Partial<Settings>;
  folders?: string[];
  log?: (message: string) => void;
}

export function createServices(options: ServiceOptions = {}): SuanServices {
  const fs = options.fs ?? new NodeFileSystem();
  const log = options.log ?? (() => {});
  const workspace = new Workspace(fs, { ...DEFAULT_SETTINGS, ...options.settings });
  workspace.folders = options.folders ?? [];
  const readDisk = (p: string) => fs.readFile(p);
  let evaluator: Evaluator;
  if (options.evaluator && typeof options.evaluator === 'object') evaluator = options.evaluator;
  else if ((options.evaluator ?? (options.workerFile ? 'worker' : 'inline')) === 'worker' && options.workerFile) {
    evaluator = new WorkerEvaluator(options.workerFile, log);
  } else evaluator = new InlineEvaluator(readDisk);
  return {
    workspace,
    evaluator,
    lang: () => workspace.settings.lang,
    settings: () => workspace.settings,
    log,
  };
}
