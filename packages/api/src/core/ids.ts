const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `id` can be one of our ids (UUIDs). Checked before querying, so a malformed id is simply "not
 * found" instead of a PostgreSQL type error surfacing as an internal error.
 */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
