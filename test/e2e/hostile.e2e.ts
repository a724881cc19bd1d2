// A hostile (or compromised) cluster: every text it sends carries markup. The real details webview must show it as
// text: no element injected, no script run. The emulator's `hostile` scenario poisons every string; on top of it,
// a thin module adds error texts whose handlers would leave a trace we can look for (a title, a global).
import * as assert from 'node:assert/strict';
import type { Dialog } from 'playwright-core';
import { startEmulator, type RunningEmulator } from '../../src/emulator/main';
import { HOSTILE_MARKER } from '../../src/emulator/hostile';
import { createModule } from '../../src/emulator/redis-enterprise/index';
import type { EmulatorModule } from '../../src/emulator/types';
import { useVsCode } from './fixture';
import { DEMO_ENTERPRISE, addEnterpriseConnection } from './flows';

const TRACE_IMG = '<img src=x onerror="window.__pwned=1;document.title=\'PWNED\'">';
const TRACE_SCRIPT = '<script>window.__pwned=2;document.title="PWNED"</script>';
const TRACE_SVG = '<svg onload="window.__pwned=3"></svg>';

/** The Redis Enterprise module, with a hostile error added to every CRDB task it answers. */
function withTraceableErrors(inner: EmulatorModule): EmulatorModule {
  const poison = (task: unknown) => {
    if (task && typeof task === 'object' && Array.isArray((task as { errors?: unknown }).errors)) {
      (task as { errors: unknown[] }).errors.push({
        error_code: 'x',
        cluster_name: TRACE_SVG,
        description: `${TRACE_IMG} ${TRACE_SCRIPT}`,
      });
    }
  };
  return {
    provider: inner.provider,
    connectionInfo: base => inner.connectionInfo(base),
    reset: ctx => inner.reset(ctx),
    async handle(req, ctx) {
      const answer = await inner.handle(req, ctx);
      if (answer?.status === 200 && req.method === 'GET' && req.url.pathname.startsWith('/v1/crdb_tasks')) {
        if (Array.isArray(answer.json)) answer.json.forEach(poison);
        else poison(answer.json);
      }
      return answer;
    },
  };
}

describe('Hostile text from the server in the real UI', function () {
  this.timeout(90_000);
  let emulator: RunningEmulator;
  const dialogs: string[] = [];

  before(async () => {
    emulator = await startEmulator({
      modules: [withTraceableErrors(createModule())],
      clock: 'manual',
      scenario: 'hostile',
    });
  });
  after(async () => {
    await emulator?.close();
  });

  const vscode = useVsCode({ settings: { 'redisTasks.pollInterval.active': 0, 'redisTasks.pollInterval.idle': 0 } });

  it('shows markup in names, steps and errors as text; nothing is injected and nothing runs', async () => {
    const ui = vscode();
    // alert() from any frame of the page (the payloads' own `onerror=alert(1)`) would surface here.
    ui.page.on('dialog', (d: Dialog) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await ui.openView();
    await ui.setSidebarWidth(560);
    await addEnterpriseConnection(ui, emulator, DEMO_ENTERPRISE);

    // A CRDB task row: its name is the poisoned operation, shown as text in the tree.
    const row = ui.page
      .locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="3"]')
      .filter({ hasText: HOSTILE_MARKER })
      .first();
    await row.waitFor({ timeout: 30_000 });
    assert.equal(
      await ui.page.locator('.part.sidebar img, .part.sidebar script').count(),
      0,
      'no element injected into the tree',
    );
    await ui.screenshot('hostile-tree');

    await ui.contextMenu(row, 'Open Task Details');
    const page = ui.webviewFrame();
    const errors = page.locator('ul.errors li.error .error-message');
    await errors.filter({ hasText: TRACE_IMG }).first().waitFor({ timeout: 30_000 });
    assert.ok(
      (await page.locator('h1').innerText()).includes(HOSTILE_MARKER),
      'the hostile name is the heading, as text',
    );
    assert.ok(
      (await errors.allInnerTexts()).some(t => t.includes(TRACE_SCRIPT)),
      'the <script> error text is shown as text',
    );
    assert.ok(
      (await page.locator('.error-where').allInnerTexts()).some(t => t.includes(TRACE_SVG)),
      'the <svg> cluster name is shown as text',
    );
    // A CRDB task's per-cluster states are its clusters table (issue 13), no longer numbered steps.
    const steps = await page.locator('table.clusters tbody th, table.clusters tbody td').allInnerTexts();
    assert.ok(
      steps.some(s => s.includes(HOSTILE_MARKER)),
      `a poisoned cluster text is shown: ${steps.join(' | ')}`,
    );

    const inside = await page.locator('html').evaluate(() => ({
      img: document.querySelectorAll('img').length,
      // VS Code's host adds its own script (acquireVsCodeApi) beside ours: none may carry the payload.
      payloadScripts: Array.from(document.querySelectorAll('script')).filter(x => /pwned/i.test(x.textContent ?? ''))
        .length,
      svg: document.querySelectorAll('svg').length,
      rootScripts: document.querySelectorAll('#root script, #root img, #root svg, #root iframe').length,
      title: document.title,
      pwned: (window as unknown as { __pwned?: number }).__pwned,
    }));
    assert.equal(inside.rootScripts, 0, 'no element built from server text');
    assert.equal(inside.img, 0);
    assert.equal(inside.svg, 0);
    assert.equal(inside.payloadScripts, 0, 'no script element carries the payload');
    assert.equal(inside.pwned, undefined, 'no payload ran');
    assert.notEqual(inside.title, 'PWNED');
    assert.deepEqual(dialogs, [], 'no alert() ran');
    await ui.screenshot('hostile-details');
  });
});
