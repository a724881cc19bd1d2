import { strict as assert } from 'node:assert';
import { readableCode, resourceTypeOf, taskTypeName } from '../../../src/providers/redis-cloud/task-types';

describe('redis-cloud task types', () => {
  it('names known command types', () => {
    assert.equal(taskTypeName('subscriptionCreateRequest'), 'Create subscription');
    assert.equal(taskTypeName('fixedDatabaseBackupRequest'), 'Back up Essentials database');
  });
  it('spells out unknown command types', () => assert.equal(taskTypeName('databaseResyncRequest'), 'Database resync'));
  it('returns undefined without a command type', () => assert.equal(taskTypeName(undefined), undefined));
  it('tells what a resource id names', () => {
    assert.equal(resourceTypeOf('databaseCreateRequest'), 'database');
    assert.equal(resourceTypeOf('fixedDatabaseUpdateRequest'), 'database');
    assert.equal(resourceTypeOf('subscriptionDeleteRequest'), 'subscription');
    assert.equal(resourceTypeOf('fixedSubscriptionCreateRequest'), 'subscription');
    assert.equal(resourceTypeOf('vpcPeeringCreateRequest'), 'resource');
  });
  it('makes error codes readable', () => {
    assert.equal(readableCode('DATABASE_NAME_EXISTS'), 'Database name exists');
    assert.equal(readableCode('Already readable'), 'Already readable');
  });
});
