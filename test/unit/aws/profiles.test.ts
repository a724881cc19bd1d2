import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listProfiles, profileNames } from '../../../src/providers/aws/profiles';

describe('aws: profile names for the Add Connection picker', () => {
  it('reads [profile NAME] and [default] from config, [NAME] from credentials; sso-session and services are not profiles', () => {
    const config = [
      '[default]',
      'region = us-east-1',
      '[profile prod-sso]  # the team account',
      'sso_session = corp',
      '[sso-session corp]',
      '[services local]',
      '[profile  dev ]',
    ].join('\n');
    assert.deepEqual(profileNames(config, 'config'), ['default', 'prod-sso', 'dev']);
    assert.deepEqual(profileNames('[default]\naws_access_key_id=AKIA\n[ci]\r\n', 'credentials'), ['default', 'ci']);
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, merges both, default first; missing files are empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aws-profiles-'));
    writeFileSync(join(dir, 'cfg'), '[profile zeta]\n[profile alpha]\n');
    writeFileSync(join(dir, 'creds'), '[alpha]\n[default]\n');
    assert.deepEqual(
      await listProfiles(
        { AWS_CONFIG_FILE: join(dir, 'cfg'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'creds') },
        '/nowhere',
      ),
      ['default', 'alpha', 'zeta'],
    );
    const home = join(dir, 'home');
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(join(home, '.aws', 'config'), '[profile from-home]\n');
    assert.deepEqual(await listProfiles({}, home), ['from-home']);
    assert.deepEqual(await listProfiles({}, join(dir, 'no-home')), []);
  });
});
