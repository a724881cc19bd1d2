/**
 * VS Code's SecretStorage held in a Map, for the tests that build a `ConnectionsModel`: `data` is there to seed a
 * connection's secret (`redisTasks.secret.<id>`) and to look at what was stored or deleted.
 */
export class MemorySecrets {
  data = new Map<string, string>();
  async get(k: string) {
    return this.data.get(k);
  }
  async store(k: string, v: string) {
    this.data.set(k, v);
  }
  async delete(k: string) {
    this.data.delete(k);
  }
  onDidChange = () => ({ dispose() {} });
}
