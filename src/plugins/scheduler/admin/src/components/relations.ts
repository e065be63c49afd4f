/** The admin form keeps a relation as { connect, disconnect } edits; we send documentIds. */
export function relationEdit(value: unknown): { connect: string[]; disconnect: string[] } {
  const ids = (list: unknown) =>
    (Array.isArray(list) ? list : [])
      .map((item: any) => (typeof item === 'string' ? item : (item?.documentId ?? item?.apiData?.documentId)))
      .filter((id: unknown): id is string => typeof id === 'string');
  const v = (value ?? {}) as { connect?: unknown; disconnect?: unknown };
  return { connect: ids(v.connect), disconnect: ids(v.disconnect) };
}
