import fake from '../extension/fakeVscode';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { EXIT, runCli } from '../../../src/cli/run';
import { ProviderError } from '../../../src/core/errors';
import * as say from '../../../src/core/say';
import { asObject } from '../../../src/core/shape';
import { HttpClient } from '../../../src/http/client';
import { errorText } from '../../../src/extension/errorText';
import { createSource } from '../../../src/providers';
import { TaskStore } from '../../../src/core/store';
import type { ConnectionNode } from '../../../src/extension/tree/nodes';
import { ErrorNode } from '../../../src/extension/tree/nodes';
import { TaskTreeProvider } from '../../../src/extension/tree/provider';
import { fakeIo } from '../cli/fakes';
import { ENCODINGS, ENV, PASSWORD, USER, cliArgs, fakeEnterprise } from '../hostile/fake-servers';
import { json } from '../http/servers';
import { rejection } from '../support/rejection';

const ROOT = path.resolve(__dirname, '../../..');
const read = (f: string) => JSON.parse(readFileSync(path.join(ROOT, f), 'utf8')) as Record<string, string>;
const EN = read('l10n/bundle.l10n.json');
const ZH = read('l10n/bundle.l10n.zh-cn.json');

/** VS Code's `l10n.t` in Chinese: the bundle's entry, then `{n}` substitution. */
function chineseT(message: string, ...args: unknown[]): string {
  const found = Object.hasOwn(ZH, message) ? ZH[message] : message;
  return found.replace(/\{(\d+)\}/g, (m, i) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** Every .ts file under src, with its text. */
function sources(): Array<{ file: string; text: string }> {
  return readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter(f => f.endsWith('.ts'))
    .sort()
    .map(f => ({ file: `src/${f}`, text: readFileSync(path.join(ROOT, 'src', f), 'utf8') }));
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** A port on the loopback that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

describe('error messages in Simplified Chinese, server text aside (issue 13)', () => {
  const englishT = fake.l10n.t;
  before(() => {
    fake.l10n.t = chineseT;
  });
  after(() => {
    fake.l10n.t = englishT;
  });

  it('every ProviderError outside the CLI is built from a say.t template, not from English text', () => {
    // The one exception: the retry loop's placeholder for a 5xx that the next attempt replaces before anyone reads it.
    const allowed = new Set(['src/http/client.ts: `HTTP ${res.status}`']);
    const plain: string[] = [];
    for (const { file, text } of sources()) {
      if (file.startsWith('src/cli/')) continue;
      for (const m of text.matchAll(/new ProviderError\(\s*[^,()]+,\s*(['"`])/g)) {
        const literal = text.slice(m.index + m[0].length - 1).split(/,|\)/)[0];
        if (!allowed.has(`${file}: ${literal}`)) plain.push(`${file}:${lineOf(text, m.index)}: ${literal}`);
      }
    }
    assert.deepEqual(plain, []);
  });

  it('every say.t template is a literal the extractor finds, and is in both bundles with a translation', () => {
    const problems: string[] = [];
    let count = 0;
    for (const { file, text } of sources()) {
      if (!/import \* as say from '[./]+(?:core\/)?say'/.test(text)) continue;
      for (const m of text.matchAll(/\bsay\.t\(\s*/g)) {
        const at = `${file}:${lineOf(text, m.index)}`;
        const rest = text.slice(m.index + m[0].length);
        const q = rest[0];
        if (q !== "'" && q !== '"') {
          problems.push(`${at}: the template is not a plain string literal, so no extractor can read it`);
          continue;
        }
        const literal = new RegExp(`^${q}((?:\\\\.|[^${q}\\\\])*)${q}`).exec(rest);
        if (!literal) {
          problems.push(`${at}: unreadable literal`);
          continue;
        }
        const template = literal[1].replace(/\\(.)/g, '$1');
        count++;
        if (EN[template] !== template) problems.push(`${at}: "${template}" is not in l10n/bundle.l10n.json`);
        else if (!ZH[template] || ZH[template] === template) problems.push(`${at}: "${template}" has no Chinese`);
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(count > 150, `only ${count} say.t calls found: is the scan still reading the sources?`);
  });

  it('a refused connection from the real HTTP client reads in Chinese and names the host; its message stays English', async () => {
    const port = await closedPort();
    const client = new HttpClient({ retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    const error = await rejection(client.request({ method: 'GET', url: `http://127.0.0.1:${port}/v1/crdb_tasks` }));
    assert.equal(error.kind, 'network');
    const url = `http://127.0.0.1:${port}/v1/crdb_tasks`;
    assert.equal(
      error.message,
      `127.0.0.1:${port} refused the connection for GET ${url}: are the endpoint and port right?`,
    );
    const text = errorText(error);
    assert.equal(text, `127.0.0.1:${port} 拒绝了 GET ${url} 的连接：地址和端口是否正确？`);
  });

  it('the CLI prints the English message for the same refused connection', async () => {
    const port = await closedPort();
    const io = fakeIo({ env: ENV });
    const code = await runCli(['list', ...cliArgs({ url: `http://127.0.0.1:${port}` } as never)], io, {
      sleep: async () => undefined,
    });
    assert.equal(code, EXIT.network, io.err);
    // Whichever of the two lists fails first is the one named.
    assert.match(
      io.err,
      new RegExp(
        `127\\.0\\.0\\.1:${port} refused the connection for the list of [^:]+: are the endpoint and port right\\?`,
      ),
    );
    assert.doesNotMatch(io.err, /[\u4e00-\u9fff]/);
  });

  it('a Redis Enterprise connection that is refused shows a Chinese error row and tooltip, naming the host', async () => {
    const port = await closedPort();
    const endpoint = `http://127.0.0.1:${port}`;
    const source = createSource(
      { id: 'c1', name: 'Prod', provider: 'redis-enterprise', endpoint, user: USER },
      { secret: PASSWORD },
    );
    let error: ProviderError;
    try {
      error = await rejection(source.refresh({}));
    } finally {
      await source.close();
    }
    const store = new TaskStore(() => 0);
    store.ensureConnection('c1');
    store.applyError('c1', error);
    const config = { id: 'c1', name: 'Prod', provider: 'redis-enterprise', endpoint, user: USER };
    const tree = new TaskTreeProvider({
      store,
      connections: () => [config],
      consoleUrl: () => undefined,
      now: () => 0,
    });
    const [connection] = tree.getChildren() as ConnectionNode[];
    const row = tree.getChildren(connection).find((n): n is ErrorNode => n instanceof ErrorNode)!;
    const label = String(row.label);
    assert.match(
      label,
      new RegExp(
        `^127\\.0\\.0\\.1:${port} 拒绝了 (Active-Active（CRDB）任务列表|集群操作列表) 的连接：地址和端口是否正确？$`,
      ),
    );
    assert.ok((connection.tooltip as { value: string }).value.includes('拒绝了'), 'the connection tooltip too');
    assert.match(error.message, /refused the connection for the list of/, 'the stored message stays English');
  });

  it("the cluster's own words stay as they are inside a Chinese sentence", async () => {
    const server = await fakeEnterprise([
      (req, res) => {
        if ((req.url ?? '').startsWith('/v1/crdb_tasks')) json(res, 400, { message: 'Bad filter value' });
      },
    ]);
    const source = createSource(
      { id: 'c', name: 'c', provider: 'redis-enterprise', endpoint: server.url, user: USER },
      { secret: PASSWORD },
    );
    try {
      const error = await rejection(source.refresh({}));
      assert.match(error.message, /as malformed\. The cluster said: Bad filter value$/);
      const text = errorText(error);
      assert.match(text, /格式有误，已拒绝。集群返回：Bad filter value$/);
    } finally {
      await source.close();
      await server.close();
    }
  });

  it('a password the server echoes into its error text is scrubbed from the arguments too, not only from the English', async () => {
    const server = await fakeEnterprise([
      (req, res) => {
        if ((req.url ?? '').startsWith('/v1/crdb_tasks'))
          json(res, 400, { message: `bad login ${ENCODINGS.raw} / ${ENCODINGS.basic} / ${ENCODINGS.hex}` });
      },
    ]);
    const source = createSource(
      { id: 'c', name: 'c', provider: 'redis-enterprise', endpoint: server.url, user: USER },
      { secret: PASSWORD },
    );
    try {
      const error = await rejection(source.refresh({}));
      assert.ok(error.localizable, 'the scrubbed error is still localizable');
      const shown = [error.message, errorText(error), JSON.stringify(error.localizable)];
      for (const text of shown)
        for (const [name, form] of Object.entries(ENCODINGS))
          assert.ok(!text.includes(form), `the ${name} form of the password is in: ${text}`);
      assert.match(errorText(error), /集群返回：bad login \*\*\* \/ \*\*\* \/ \*\*\*$/);
    } finally {
      await source.close();
      await server.close();
    }
  });

  it('a malformed answer names the expected and the found shape in Chinese too', () => {
    let error: unknown;
    try {
      asObject('s', 'crdb_tasks[3].progress');
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof ProviderError);
    assert.equal(
      error.message,
      'Unexpected response from the server: crdb_tasks[3].progress should be an object, got a string.',
    );
    assert.equal(errorText(error), '服务器的响应不符合预期：crdb_tasks[3].progress 应为对象，实际为字符串。');
  });

  it('an error without its template (restored, foreign or plain) shows its message as it is', () => {
    const restored = JSON.parse(JSON.stringify({ kind: 'network', message: 'Host not found for x.' })) as object;
    assert.equal(errorText(restored), 'Host not found for x.');
    assert.equal(errorText(new Error('disk full')), 'disk full');
    assert.equal(errorText(new ProviderError('server', 'text of a system error')), 'text of a system error');
    assert.equal(errorText('just a string'), 'just a string');
    // What JSON keeps of a ProviderError (its kind, status, template; not Error's own message) still reads in Chinese.
    const sent = new ProviderError('auth', say.t('The cluster rejected the user name or password.'), { status: 401 });
    assert.equal(errorText(JSON.parse(JSON.stringify(sent)) as object), '集群拒绝了用户名或密码。');
  });

  it('nested templates are translated each on its own, and English text is identical to the sentence of old', () => {
    const said = say.t(
      '{0} {1}',
      say.t('Redis Cloud refused {0} (HTTP {1}).', 'the task list', 503),
      say.t('Redis Cloud had a problem; try again later.'),
    );
    const error = new ProviderError('server', said);
    assert.equal(
      error.message,
      'Redis Cloud refused the task list (HTTP 503). Redis Cloud had a problem; try again later.',
    );
    assert.equal(errorText(error), 'Redis Cloud 拒绝了 the task list（HTTP 503）。Redis Cloud 出现问题，请稍后重试。');
  });
});
