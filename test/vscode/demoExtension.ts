// The demo's extension as an installed one: an entry of the profile's extensions.json that points at this repository.
// An installed extension needs no URL payload, so the demo runs without the smoke-test driver (which hides every
// notification toast) and the plain address http://127.0.0.1:<port>/ opens VS Code with the extension in it. Pointing
// at the repository rather than copying a .vsix keeps `npm run build` + Reload Window enough to see a change.
import * as fs from 'node:fs';
import * as path from 'node:path';

interface ProfileEntry {
  identifier: { id: string };
  version: string;
  location: { $mid: 1; scheme: 'file'; path: string };
}

export function extensionId(repo: string): { id: string; version: string } {
  const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as Record<string, string>;
  return { id: `${manifest.publisher}.${manifest.name}`.toLowerCase(), version: manifest.version };
}

/** Registers `repo` as an installed extension of the profile, replacing an earlier entry for it; keeps the others. */
export function installFromRepository(profileDir: string, repo: string): string {
  const dir = path.join(profileDir, 'extensions');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'extensions.json');
  const { id, version } = extensionId(repo);
  let entries: ProfileEntry[] = [];
  try {
    const read: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (Array.isArray(read)) entries = read as ProfileEntry[];
  } catch {
    /* none yet, or unreadable: start over */
  }
  entries = entries.filter(e => e?.identifier?.id?.toLowerCase() !== id);
  entries.push({ identifier: { id }, version, location: { $mid: 1, scheme: 'file', path: path.resolve(repo) } });
  fs.writeFileSync(file, `${JSON.stringify(entries, null, 2)}\n`);
  return id;
}
