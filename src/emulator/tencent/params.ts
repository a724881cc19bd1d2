/** Request parameters as the service reads them: JSON bodies, or flattened `Name.0=v` forms and queries. */
export type Params = Record<string, unknown>;

/** `TaskTypes.0=001&TaskTypes.1=002` → `{TaskTypes: ['001', '002']}` (one level deep: all our actions need). */
export function unflatten(flat: Record<string, string>): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(flat)) {
    const m = /^([^.]+)\.(\d+)$/.exec(key);
    if (!m) {
      out[key] = value;
      continue;
    }
    const list = (Array.isArray(out[m[1]]) ? out[m[1]] : (out[m[1]] = [])) as unknown[];
    list[Number(m[2])] = value;
  }
  for (const [k, v] of Object.entries(out)) if (Array.isArray(v)) out[k] = v.filter(x => x !== undefined);
  return out;
}

export class ParamError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function optInt(params: Params, name: string): number | undefined {
  const v = params[name];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isInteger(n))
    throw new ParamError('InvalidParameterValue', `The value of parameter \`${name}\` must be an integer.`);
  return n;
}

export function optStr(params: Params, name: string): string | undefined {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number')
    throw new ParamError('InvalidParameter', `The parameter \`${name}\` must be a string.`);
  return String(v);
}

export function optList(params: Params, name: string): string[] | undefined {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new ParamError('InvalidParameter', `The parameter \`${name}\` must be an array.`);
  return v.map(x => String(x));
}
