import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractedMessages, ROOT } from '../../../scripts/l10nBundle';

describe('localisation', () => {
  it('l10n/bundle.l10n.json has every l10n.t message of the extension', async function () {
    this.timeout(30_000);
    const bundle = JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const missing = Object.keys(await extractedMessages()).filter(m => !(m in bundle));
    assert.deepEqual(missing, []);
  });

  it('package.nls.json defines every %key% the manifest uses', () => {
    const manifest = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const nls = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map(m => m[1]);
    assert.ok(keys.length > 20);
    assert.deepEqual(
      keys.filter(k => !(k in nls)),
      [],
    );
  });

  it('every contributed command has a category, an icon and a localised title', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const c of pkg.contributes.commands) {
      assert.match(c.title, /^%.+%$/, c.command);
      assert.equal(c.category, '%redisTasks.category%');
      assert.match(c.icon, /^\$\(.+\)$/);
    }
    assert.deepEqual(pkg.activationEvents, []);
    assert.equal(pkg.l10n, './l10n');
  });

  it('the connections setting has no field for a secret', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const item = pkg.contributes.configuration.properties['redisTasks.connections'].items;
    assert.equal(item.additionalProperties, false);
    for (const key of Object.keys(item.properties)) assert.doesNotMatch(key, /secret|password|key$|token/i);
  });
});
