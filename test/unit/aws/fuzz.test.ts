import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ProviderError } from '../../../src/core/errors';
import { readEvent } from '../../../src/providers/aws/events';
import { parseJsonError } from '../../../src/providers/aws/json-api';
import { pendingSteps } from '../../../src/providers/aws/pending';
import { parseQueryError } from '../../../src/providers/aws/query-api';
import { readResource } from '../../../src/providers/aws/resources';
import { modificationTask, snapshotTask, updateActionTask } from '../../../src/providers/aws/tasks';
import { parseXml } from '../../../src/providers/aws/xml';

const ctx = { connectionId: 'c', region: 'us-east-1', group: 'g' };

/** Only a bad-response ProviderError may leave a reader; a TypeError would be a bug that hides a whole refresh. */
function onlyBadResponse(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof ProviderError && e.kind === 'bad-response', `escaped: ${String(e)}`);
  }
}

const tag = fc.constantFrom(
  'ReplicationGroup',
  'Status',
  'PendingModifiedValues',
  'Resharding',
  'member',
  'Marker',
  'a',
);
const xmlNode: fc.Memo<string> = fc.memo(depth =>
  depth <= 1
    ? fc.oneof(fc.string(), fc.constantFrom('&amp;', '&lt;', '<![CDATA[x]]>', '&#x41;', '&bogus;'))
    : fc.oneof(
        fc.string(),
        fc
          .tuple(tag, fc.array(xmlNode(depth - 1), { maxLength: 3 }))
          .map(([t, kids]) => `<${t}>${kids.join('')}</${t}>`),
        fc.tuple(tag, xmlNode(depth - 1)).map(([t, k]) => `<${t}>${k}`), // unclosed
      ),
);

describe('aws readers under fuzzing', () => {
  it('parseXml and the error reader: only bad-response escapes, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          xmlNode(4),
          fc.string().map(s => `<!DOCTYPE x>${s}`),
        ),
        text => {
          onlyBadResponse(() => parseXml(text, 'fuzz'));
          parseQueryError(text); // never throws at all
          parseJsonError(text, undefined);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('resource, update action, snapshot and event readers take any JSON-like value without throwing', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), fc.anything({ maxDepth: 4 }), (value, pmv) => {
        onlyBadResponse(() => {
          const shaped =
            value !== null && typeof value === 'object'
              ? { ReplicationGroupId: 'x', ...value, PendingModifiedValues: pmv }
              : value;
          const r = readResource('rg', shaped, 'us-east-1');
          if (r) modificationTask(r, ctx, [r]);
          pendingSteps(pmv, shaped as never);
          updateActionTask(
            { ServiceUpdateName: 'u', ReplicationGroupId: 'x', ...(value as object), NodeGroupUpdateStatus: pmv },
            ctx,
          );
          snapshotTask('snap', { SnapshotName: 's', ...(value as object), NodeSnapshots: pmv }, ctx, 0);
          snapshotTask('msnap', { Name: 's', ClusterConfiguration: value }, ctx, 0);
          readEvent(value);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('XML parsed from fuzz then read as a replication group list never throws', () => {
    fc.assert(
      fc.property(xmlNode(5), text => {
        let doc: unknown;
        try {
          doc = parseXml(`<R>${text}</R>`, 'fuzz');
        } catch (e) {
          assert.ok(e instanceof ProviderError && e.kind === 'bad-response');
          return;
        }
        onlyBadResponse(() => {
          const r = readResource('rg', (doc as { R: unknown }).R, 'us-east-1');
          if (r) modificationTask(r, ctx);
        });
      }),
      { numRuns: 500 },
    );
  });
});
