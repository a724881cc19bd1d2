// What both e2e launchers (fixture.ts's VsCodeUi and support/themedVsCode.ts) do once code-server is up.
import {
  launchBrowser,
  workbenchUrl,
  type Browser,
  type CodeServer,
  type WorkbenchUrlOptions,
} from '../../vscode/codeServer';

/**
 * Headless chromium at 1280x800 on `server`'s workbench, returned once the activity bar is drawn. When that fails it
 * closes the browser and stops the server, so a failed `before` leaves nothing running.
 */
export async function openWorkbench(server: CodeServer, url: WorkbenchUrlOptions): Promise<Browser> {
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser({ width: 1280, height: 800 });
    await browser.page.goto(workbenchUrl(server, url));
    await browser.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    return browser;
  } catch (e) {
    await browser?.close();
    await server.stop();
    throw e;
  }
}
