import * as assert from 'node:assert/strict';
import { ServiceUpdateStatus } from '@aws-sdk/client-memorydb';
import {
  LISTED_SERVICE_UPDATE_STATUSES,
  RESOURCE_STATUS,
  SERVICE_UPDATE_STATUS,
  SNAPSHOT_STATUS,
  UPDATE_ACTION_STATUS,
  nodeUpdateProgress,
  nodesUpdatedPercent,
  resourceState,
  serviceUpdateProgress,
  serviceUpdateStatus,
  snapshotStatus,
  updateActionStatus,
} from '../../../src/providers/aws/status-map';

/**
 * Each row with the values the ElastiCache and MemoryDB API references document: ReplicationGroup.Status
 * (creating | available | modifying | deleting | create-failed | snapshotting), CacheCluster.CacheClusterStatus
 * (… | deleted | incompatible-network | rebooting cluster nodes | restore-failed), UpdateAction.UpdateActionStatus
 * (the nine values of the UpdateActionStatus enum of @aws-sdk/client-elasticache), Snapshot.SnapshotStatus.
 */
describe('aws status maps', () => {
  const resourceRows: [string, string | null, string][] = [
    ['creating', 'running', 'Create'],
    ['available', null, 'Available'],
    ['modifying', 'running', 'Modify'],
    ['deleting', 'running', 'Delete'],
    ['create-failed', 'failed', 'Create'],
    ['snapshotting', 'running', 'Take a snapshot'],
    ['deleted', 'succeeded', 'Delete'],
    ['incompatible-network', 'failed', 'Network configuration'],
    ['rebooting cluster nodes', 'running', 'Reboot cluster nodes'],
    ['restore-failed', 'failed', 'Restore from backup'],
    ['primary-only', null, 'Primary only'],
    ['updating', 'running', 'Update'],
  ];
  for (const [word, status, name] of resourceRows)
    it(`resource status ${word} → ${status ?? 'no operation'}`, () => {
      assert.deepEqual(resourceState(word), { status, name });
    });

  it('every resource row is tested, and unknown words stay unknown with the word kept', () => {
    assert.deepEqual(Object.keys(RESOURCE_STATUS).sort(), resourceRows.map(r => r[0]).sort());
    assert.deepEqual(resourceState('melting'), { status: 'unknown', name: 'Unknown status melting' });
    assert.deepEqual(resourceState(undefined), { status: 'unknown', name: 'No status reported' });
    assert.equal(resourceState('constructor').status, 'unknown');
    assert.equal(resourceState('  Modifying ').status, 'running', 'case and spaces do not matter');
  });

  const updateRows: [string, string | undefined][] = [
    ['not-applied', 'pending'],
    ['waiting-to-start', 'pending'],
    ['in-progress', 'running'],
    ['stopping', 'running'],
    ['stopped', 'canceled'],
    ['complete', 'succeeded'],
    ['scheduling', 'pending'],
    ['scheduled', 'pending'],
    ['not-applicable', undefined],
  ];
  for (const [word, status] of updateRows)
    it(`update action ${word} → ${status ?? 'not an operation'}`, () => {
      assert.equal(updateActionStatus(word), status);
    });

  it('update action rows cover the SDK enum exactly; an unknown word is unknown', () => {
    assert.deepEqual([...Object.keys(UPDATE_ACTION_STATUS), 'not-applicable'].sort(), updateRows.map(r => r[0]).sort());
    assert.equal(updateActionStatus('paused'), 'unknown');
  });

  // MemoryDB ServiceUpdate.Status: available | in-progress | complete | scheduled (the API reference and the SDK enum).
  const serviceUpdateRows: [string, string][] = [
    ['available', 'pending'],
    ['scheduled', 'pending'],
    ['in-progress', 'running'],
    ['complete', 'succeeded'],
  ];
  for (const [word, status] of serviceUpdateRows)
    it(`MemoryDB service update ${word} → ${status}`, () => assert.equal(serviceUpdateStatus(word), status));

  it('MemoryDB service update rows and the statuses asked for cover the SDK enum exactly; others are unknown', () => {
    const sdk = Object.values(ServiceUpdateStatus).sort();
    assert.deepEqual(Object.keys(SERVICE_UPDATE_STATUS).sort(), sdk);
    assert.deepEqual(serviceUpdateRows.map(r => r[0]).sort(), sdk);
    assert.deepEqual([...LISTED_SERVICE_UPDATE_STATUSES].sort(), sdk);
    // ElastiCache's words are not MemoryDB's: there is no stop, so no stopping or stopped.
    assert.equal(serviceUpdateStatus('stopped'), 'unknown');
    assert.equal(serviceUpdateStatus(undefined), 'unknown');
    assert.equal(serviceUpdateStatus(' In-Progress '), 'running', 'case and spaces do not matter');
    assert.equal(updateActionStatus('available'), 'unknown', 'the ElastiCache table is unchanged');
  });

  const snapshotRows: [string, string][] = [
    ['creating', 'running'],
    ['available', 'succeeded'],
    ['restoring', 'running'],
    ['copying', 'running'],
    ['deleting', 'running'],
    ['exporting', 'running'],
    ['failed', 'failed'],
  ];
  for (const [word, status] of snapshotRows)
    it(`snapshot ${word} → ${status}`, () => assert.equal(snapshotStatus(word), status));

  it('snapshot rows are all tested', () => {
    assert.deepEqual(Object.keys(SNAPSHOT_STATUS).sort(), snapshotRows.map(r => r[0]).sort());
    assert.equal(snapshotStatus(undefined), 'unknown');
  });

  it('node update statuses as step progress', () => {
    assert.equal(nodeUpdateProgress('complete'), 100);
    assert.equal(nodeUpdateProgress('in-progress'), 50);
    assert.equal(nodeUpdateProgress('waiting-to-start'), 0);
    assert.equal(nodeUpdateProgress('whatever'), undefined);
  });

  it('NodesUpdated "2/6" as a percentage; anything else is no progress', () => {
    assert.equal(nodesUpdatedPercent('2/6'), 33.3);
    assert.equal(nodesUpdatedPercent(' 6 / 6 '), 100);
    assert.equal(nodesUpdatedPercent('0/0'), undefined);
    assert.equal(nodesUpdatedPercent('two of six'), undefined);
    assert.equal(nodesUpdatedPercent('9/6'), 100);
    assert.equal(nodesUpdatedPercent('x/0'), undefined);
    assert.equal(nodesUpdatedPercent('3/0'), undefined);
    assert.equal(nodesUpdatedPercent('-1/3'), undefined);
    assert.equal(nodesUpdatedPercent(''), undefined);
  });

  // A pending update read "Pending 0%": AWS sends "0/6" before any node is updated.
  it("a service update's progress: none while pending with no node updated, 100 when complete without a count", () => {
    assert.equal(serviceUpdateProgress('0/6', 'pending'), undefined);
    assert.equal(serviceUpdateProgress('2/6', 'pending'), 33.3, 'a stopped update scheduled again keeps its count');
    assert.equal(serviceUpdateProgress('0/6', 'running'), 0);
    assert.equal(serviceUpdateProgress(undefined, 'succeeded'), 100);
    assert.equal(serviceUpdateProgress(undefined, 'running'), undefined);
  });
});
