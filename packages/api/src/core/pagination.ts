/** Cursors are opaque to clients: base64url of the sort key, so the encoding can change without a contract change. */
export function encodeCursor(key: string): string {
  return Buffer.from(`v1:${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return text.startsWith('v1:') ? text.slice(3) : null;
}
