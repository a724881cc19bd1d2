import * as assert from 'node:assert/strict';
import type { ProviderError } from '../../../src/core/errors';
import { endOf, finishedFromEvents, isStart, readEvent, runningSteps } from '../../../src/providers/aws/events';
import { toAwsError } from '../../../src/providers/aws/errors';
import { parseTaskId, taskId } from '../../../src/providers/aws/ids';
import { parseJsonError } from '../../../src/providers/aws/json-api';
import { pendingSteps } from '../../../src/providers/aws/pending';
import { formBody, parseQueryError } from '../../../src/providers/aws/query-api';
import { readResource } from '../../../src/providers/aws/resources';
import { modificationTask, snapshotTask, updateActionTask } from '../../../src/providers/aws/tasks';
import { parseXml, xmlList } from '../../../src/providers/aws/xml';

const ctx = { connectionId: 'c', region: 'us-east-1', group: 'us-east-1/rg/x' };

describe('aws wire: XML, errors, pending values, tasks', () => {
  it('reads a query answer: one member is an object, several an array, none an empty string', () => {
    const doc = parseXml(
      '<?xml version="1.0"?><R xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/"><A><M><Id>1</Id></M></A>' +
        '<B><M><Id>1</Id></M><M><Id>2</Id></M></B><C/></R>',
      'x',
    );
    const r = doc.R as Record<string, unknown>;
    assert.equal(xmlList(r.A, 'M').length, 1);
    assert.equal(xmlList(r.B, 'M').length, 2);
    assert.deepEqual(xmlList(r.C, 'M'), []);
    assert.deepEqual(xmlList(undefined, 'M'), []);
  });

  it('keeps values as text and decodes the XML entities once', () => {
    const doc = parseXml('<R><N>0012</N><T>a &amp;lt; b &lt;c&gt;</T></R>', 'x');
    assert.deepEqual(doc.R, { N: '0012', T: 'a &lt; b <c>' });
  });

  it('refuses a DOCTYPE (entity expansion) and broken XML as bad-response', () => {
    for (const text of ['<!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>', '<r><a></r>']) {
      assert.throws(
        () => parseXml(text, 'x'),
        (e: ProviderError) => e.kind === 'bad-response',
      );
    }
  });

  it('AWS error XML: code, message, request id; anything else reads as empty', () => {
    const body = parseQueryError(
      '<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/"><Error><Type>Sender</Type>' +
        '<Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r-1</RequestId></ErrorResponse>',
    );
    assert.deepEqual(body, { code: 'Throttling', message: 'Rate exceeded', requestId: 'r-1' });
    assert.deepEqual(parseQueryError('<html>503</html>'), {
      code: undefined,
      message: undefined,
      requestId: undefined,
    });
  });

  it('JSON 1.1 errors: __type with namespace, the header, a bare name', () => {
    assert.equal(
      parseJsonError('{"__type":"com.amazonaws.memorydb#ClusterNotFoundFault","message":"m"}', undefined).code,
      'ClusterNotFoundFault',
    );
    assert.equal(parseJsonError('{}', 'ThrottlingException:http://internal').code, 'ThrottlingException');
    assert.equal(parseJsonError('not json', undefined).code, undefined);
  });

  const kind = (code: string, status = 400) =>
    toAwsError({ service: 'elasticache', action: 'A', status, body: { code, message: 'm' }, secrets: [] }).kind;

  it('error codes to kinds: throttling, auth, forbidden, not found, state', () => {
    for (const c of ['Throttling', 'ThrottlingException', 'RequestLimitExceeded'])
      assert.equal(kind(c), 'throttled', c);
    for (const c of ['InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException', 'ExpiredToken'])
      assert.equal(kind(c, 403), 'auth', c);
    for (const c of ['AccessDenied', 'AccessDeniedException']) assert.equal(kind(c, 403), 'forbidden', c);
    assert.equal(kind('ReplicationGroupNotFoundFault', 404), 'not-found');
    assert.equal(kind('InvalidUpdateActionState'), 'not-cancelable');
    assert.equal(kind('InvalidParameterValue'), 'bad-request');
    assert.equal(kind('InternalFailure', 500), 'server');
  });

  it('throttled errors carry a wait; server text is scrubbed of the credentials and capped', () => {
    const e = toAwsError({
      service: 'memorydb',
      action: 'DescribeClusters',
      status: 400,
      body: { code: 'InvalidParameterValueException', message: `bad key SECRETKEY123 ${'x'.repeat(2000)}` },
      secrets: ['SECRETKEY123'],
    });
    assert.ok(!e.message.includes('SECRETKEY123'));
    assert.ok(e.message.length < 700);
    assert.equal(
      toAwsError({ service: 'elasticache', action: 'A', status: 400, body: { code: 'Throttling' }, secrets: [] })
        .retryAfterMs,
      1000,
    );
  });

  it('form bodies: Action and Version first, values RFC 3986-encoded', () => {
    assert.equal(
      formBody('DescribeEvents', { StartTime: '2026-01-01T00:00:00.000Z', 'X.member.1': "a b!'" }),
      'Action=DescribeEvents&Version=2015-02-02&StartTime=2026-01-01T00%3A00%3A00.000Z&X.member.1=a%20b%21%27',
    );
  });

  it('pending values as steps, each field on its own; resharding progress read', () => {
    const r = pendingSteps(
      {
        CacheNodeType: 'cache.r6g.xlarge',
        EngineVersion: '7.1',
        NumCacheNodes: '3',
        AuthTokenStatus: 'ROTATING',
        TransitEncryptionEnabled: 'true',
        Resharding: { SlotMigration: { ProgressPercentage: '42.5' } },
        UserGroups: { UserGroupIdsToAdd: { member: 'ug-1' } },
      },
      { CacheNodeType: 'cache.r6g.large', EngineVersion: '7.0', NumCacheNodes: '2' },
    );
    assert.deepEqual(
      r.steps.map(s => s.name),
      [
        'node type cache.r6g.large → cache.r6g.xlarge',
        'engine version 7.0 → 7.1',
        'number of nodes 2 → 3',
        'auth token rotating',
        'in-transit encryption → enabled',
        'add user groups ug-1',
        'online resharding (slot migration)',
      ],
    );
    assert.equal(r.reshardingPercent, 42.5);
    // One odd field drops that step only.
    const odd = pendingSteps({ CacheNodeType: { nested: true }, EngineVersion: '7.1' });
    assert.deepEqual(
      odd.steps.map(s => s.name),
      ['engine version → 7.1'],
    );
    assert.deepEqual(pendingSteps('').steps, []);
  });

  it('an available resource with nothing pending is no task; a missing id is no resource', () => {
    const r = readResource(
      'rg',
      { ReplicationGroupId: 'x', Status: 'available', PendingModifiedValues: '' },
      'us-east-1',
    )!;
    assert.equal(modificationTask(r, ctx), undefined);
    assert.equal(readResource('rg', { Status: 'modifying' }, 'us-east-1'), undefined);
  });

  it('a create-failed group is a failed task naming the status', () => {
    const r = readResource('rg', { ReplicationGroupId: 'x', Status: 'create-failed' }, 'us-east-1')!;
    const t = modificationTask(r, ctx)!;
    assert.equal(t.status, 'failed');
    assert.equal(t.errors[0].code, 'create-failed');
  });

  it('update actions: not-applicable is left out; a complete one is 100% and not stoppable; a bad date drops only itself', () => {
    assert.equal(
      updateActionTask({ ServiceUpdateName: 'u', ReplicationGroupId: 'x', UpdateActionStatus: 'not-applicable' }, ctx),
      undefined,
    );
    const t = updateActionTask(
      {
        ServiceUpdateName: 'u',
        ReplicationGroupId: 'x',
        UpdateActionStatus: 'complete',
        UpdateActionStatusModifiedDate: 'yesterday-ish',
        CacheNodeUpdateStatus: { CacheNodeUpdateStatus: { CacheNodeId: '0001', NodeUpdateStatus: 'complete' } },
      },
      ctx,
    )!;
    assert.equal(t.progress, 100);
    assert.equal(t.capabilities.cancel, false);
    assert.equal(t.finishedAt, undefined);
    assert.equal(t.steps[0].name, '0001: complete');
  });

  it('a finished backup outside the window is not a task; one inside is', () => {
    const snap = (at: string) => ({
      SnapshotName: 's',
      SnapshotStatus: 'available',
      NodeSnapshots: { NodeSnapshot: { SnapshotCreateTime: at } },
    });
    assert.equal(snapshotTask('snap', snap('2026-01-01T00:00:00Z'), ctx, Date.UTC(2026, 0, 2)), undefined);
    assert.equal(snapshotTask('snap', snap('2026-01-03T00:00:00Z'), ctx, Date.UTC(2026, 0, 2))?.status, 'succeeded');
  });

  it('events: what ends and what starts an operation', () => {
    assert.equal(endOf('Finished modifying number of node groups from 2 to 3'), 'succeeded');
    assert.equal(endOf('Cache node 0001 restarted'), 'succeeded');
    assert.equal(endOf('Failed to modify engine version'), 'failed');
    assert.equal(endOf('Added cache node 0002 in availability zone us-east-1a'), undefined);
    assert.ok(isStart('Modification started: engine version 7.0 to 7.1'));
    assert.ok(!isStart('Finished modifying'));
  });

  it('events become finished tasks with their steps, and the steps of what runs now', () => {
    const ev = (message: string, at: number) =>
      readEvent({
        SourceIdentifier: 'x',
        SourceType: 'replication-group',
        Message: message,
        Date: new Date(at).toISOString(),
      })!;
    const events = [
      ev('Modification started', 1000),
      ev('Added node', 2000),
      ev('Finished modifying', 3000),
      ev('Modification started', 4000),
    ];
    const done = finishedFromEvents(events, ctx);
    assert.equal(done.length, 1);
    assert.equal(done[0].startedAt, 1000);
    assert.equal(done[0].finishedAt, 3000);
    assert.equal(done[0].steps.length, 3);
    const now = runningSteps(events);
    assert.equal(now.startedAt, 4000);
    assert.deepEqual(
      now.steps.map(s => s.name),
      ['Modification started'],
    );
    assert.equal(readEvent({ SourceIdentifier: 'x', Message: 'm' }), undefined, 'an event without a date is dropped');
    const own = [ev('Snapshot succeeded for snapshot with ID s', 5000), ev('Service update u applied', 6000)];
    assert.deepEqual(finishedFromEvents(own, ctx), [], 'backups and service updates come from their own APIs');
  });

  it('task ids round-trip; foreign ids are not-found', () => {
    for (const key of [
      { kind: 'mod', region: 'us-east-1', rtype: 'rg', resource: 'a-b' },
      { kind: 'upd', region: 'cn-north-1', rtype: 'cc', resource: 'c', update: 'elasticache-20260101-001' },
      { kind: 'msnap', region: 'us-gov-west-1', name: 'n.1' },
      { kind: 'mupd', region: 'us-east-1', cluster: 'audit-log', update: 'memorydb-20261120-001' },
    ] as const)
      assert.deepEqual(parseTaskId(taskId(key)), key);
    for (const bad of ['mod:us-east-1:zz:x', 'mupd:us-east-1:audit-log', 'mupd:us-east-1::u', 'mupd:us-east-1:c:u:x'])
      assert.throws(
        () => parseTaskId(bad),
        (e: ProviderError) => e.kind === 'not-found',
        bad,
      );
  });
});
