import type { Config } from '../config.js';

/** `relais import <kind> FILE`: importers are registered by modules as they arrive. */
export async function runImportCommand(_config: Config, args: string[], _log: (message: string) => void): Promise<void> {
  throw new Error(`Nothing can be imported yet (asked: ${args.join(' ') || 'nothing'}).`);
}
