import { useApiKey } from '../session/use-api-key.ts';

/** The CSV downloads the API streams (`GET /exports/<kind>.csv`). */
export const EXPORT_KINDS = ['placements', 'accounts', 'interactions', 'promises', 'payments'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/**
 * Downloads one export with the session's key and hands it to the browser as a file. The key travels in the
 * Authorization header, never in the URL, so it does not end up in histories or server logs.
 */
export async function downloadExport(
  kind: ExportKind,
  params: Record<string, string> = {},
): Promise<{ ok: true } | { ok: false; status: number }> {
  const { apiKey } = useApiKey();
  const query = new URLSearchParams(params).toString();
  const response = await fetch(`/exports/${kind}.csv${query ? `?${query}` : ''}`, {
    headers: apiKey.value ? { authorization: `Bearer ${apiKey.value}` } : {},
  });
  if (!response.ok) return { ok: false, status: response.status };
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${kind}.csv`;
  link.click();
  URL.revokeObjectURL(url);
  return { ok: true };
}
