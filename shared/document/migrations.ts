/**
 * Migrations from older document formats, as pure functions from format N to N+1. There is no
 * older format than pipewright/v1 yet; a v2 adds `1: migrateV1toV2` here and bumps FORMAT_VERSION.
 */
type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

const MIGRATIONS: Record<number, Migration> = {};

export function migrateToCurrent(
  doc: Record<string, unknown>,
  fromVersion: number,
  toVersion = 1,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  let value = doc;
  for (let v = fromVersion; v < toVersion; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, error: `format pipewright/v${v} is not supported` };
    value = step(value);
  }
  return { ok: true, value };
}
