import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { VIEW_CONTAINER_TITLE, useVsCode } from './fixture';

describe('Redis Tasks view, no connection yet', () => {
  const vscode = useVsCode();

  it('opens from the activity bar and shows its welcome content', async () => {
    const ui = vscode();
    await ui.openView();
    const sidebar = ui.page.locator('.part.sidebar');
    assert.match(await sidebar.locator('.composite.title').innerText(), new RegExp(VIEW_CONTAINER_TITLE, 'i'));
    // With no connection the tree is empty and VS Code shows the view's welcome content (viewsWelcome) instead.
    await sidebar.locator('.welcome-view-content').first().waitFor();
    const file = await ui.screenshot('welcome-view');
    assert.ok(fs.statSync(file).size > 10_000, 'the screenshot has content');
  });
});
