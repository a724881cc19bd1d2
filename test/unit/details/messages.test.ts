import * as assert from 'node:assert/strict';
import { parsePanelState, parseRenderMessage, parseWebviewMessage } from '../../../src/shared/detailsMessages';
import { buildDetailsModel } from '../../../src/extension/details/model';
import { crdbTask, englishDetailsLabels } from './fixtures';

describe('details: webview messages', () => {
  it('accepts each known command and keeps only its type', () => {
    for (const type of ['ready', 'cancel', 'forceCancel', 'copyId', 'refresh', 'openConsole', 'pin']) {
      assert.deepEqual(parseWebviewMessage({ type, taskId: 'other', url: 'command:evil' }), { type });
    }
  });

  it('ignores anything else', () => {
    for (const m of [
      undefined,
      null,
      'cancel',
      42,
      {},
      { type: 'render' },
      { type: 'deleteAll' },
      { type: ['cancel'] },
      { command: 'cancel' },
    ]) {
      assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
    }
  });

  it('reads the saved panel state, refusing incomplete ones', () => {
    assert.deepEqual(parsePanelState({ connectionId: 'c', taskId: 't', rawOpen: true }), {
      connectionId: 'c',
      taskId: 't',
      preview: false,
    });
    assert.equal(parsePanelState({ connectionId: 'c', taskId: 't', preview: true })?.preview, true);
    assert.equal(parsePanelState({ connectionId: 'c', taskId: 't', preview: 'yes' })?.preview, false);
    for (const s of [
      undefined,
      null,
      {},
      { connectionId: 'c' },
      { connectionId: '', taskId: 't' },
      { connectionId: 1, taskId: 't' },
    ]) {
      assert.equal(parsePanelState(s), undefined, JSON.stringify(s));
    }
  });

  it('the page renders a model the panel built, and nothing that is not one', () => {
    const model = buildDetailsModel(
      crdbTask(),
      { connectionName: 'Prod', stale: false, cancelling: false },
      englishDetailsLabels(),
      0,
    );
    assert.equal(parseRenderMessage({ type: 'render', model }), model);
    for (const m of [
      undefined,
      null,
      'render',
      { type: 'render' },
      { type: 'render', model: null },
      { type: 'render', model: 'x' },
      { type: 'render', model: { ...model, labels: undefined } },
      { type: 'render', model: { ...model, status: undefined } },
      { type: 'ready', model },
    ]) {
      assert.equal(parseRenderMessage(m), undefined, JSON.stringify(m)?.slice(0, 80));
    }
  });
});
