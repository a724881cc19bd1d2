// Helpers for tests that run inside the extension host.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EmulatorOptions, RunningEmulator } from '../../../src/emulator/server';

export const EXTENSION_ID = 'redis-task-browser.redis-task-browser';

export function getExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  return ext;
}

/** Activates the extension and returns what activate() returned (its API object). */
export async function activateExtension<Api = unknown>(): Promise<Api> {
  return (await getExtension().activate()) as Api;
}

/** The manifest the extension host loaded, so tests follow package.json instead of repeating it. */
export function manifest(): ExtensionManifest {
  return getExtension().packageJSON as ExtensionManifest;
}

export interface ExtensionManifest {
  contributes?: {
    commands?: { command: string; title: string }[];
    views?: Record<string, { id: string; name: string }[]>;
    viewsContainers?: Record<string, { id: string; title: string }[]>;
  };
}

type EmulatorLibrary = typeof import('../../../src/emulator/main');

/**
 * Starts every emulated API in this process, with a manual clock (tests move time with
 * `emulator.context.clock.advance(ms)` or `POST /__emulator/clock/advance?seconds=N`). Close it in `after`.
 * It is the built dist/emulator.js, the same code `npm run emulator` serves.
 */
export async function startTestEmulator(options: Omit<EmulatorOptions, 'modules'> = {}): Promise<RunningEmulator> {
  const lib = require(path.join(getExtension().extensionPath, 'dist', 'emulator.js')) as EmulatorLibrary;
  return lib.startEmulator({ modules: lib.allModules(), clock: 'manual', host: '127.0.0.1', port: 0, ...options });
}
