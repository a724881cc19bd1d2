import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The profile names of the shared config and credentials files, for Add Connection's picker: names only, nothing
 * else is read from them here (signing in with a profile is the SDK's `fromIni`, in credentials.ts). The files are
 * where the AWS CLI looks: `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and
 * `~/.aws/credentials`. A missing or unreadable file has no profiles.
 */
export async function listProfiles(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): Promise<string[]> {
  const config = env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials');
  const names = new Set<string>();
  for (const name of profileNames(await read(config), 'config')) names.add(name);
  for (const name of profileNames(await read(credentials), 'credentials')) names.add(name);
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}

async function read(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Section headers as the SDK's INI reader takes them: the config file names profiles `[profile NAME]` (and
 * `[default]`), the credentials file `[NAME]`; `[sso-session …]` and `[services …]` sections are not profiles.
 */
export function profileNames(text: string, file: 'config' | 'credentials'): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?$/.exec(line);
    if (!m) continue;
    const header = m[1];
    if (file === 'credentials') {
      out.push(header);
      continue;
    }
    if (header === 'default') out.push(header);
    else {
      const p = /^profile\s+(\S+)$/.exec(header);
      if (p) out.push(p[1]);
    }
  }
  return out;
}
