/** The admin form keeps a relation as { connect, disconnect } edits; we send documentIds. */
export function relationEdit(value: unknown): { connect: string[]; disconnect: string[] } {
  const ids = (list: unknown) =>
    (Array.isArray(list) ? list : [])
      .map((item: unknown) => {
        if (typeof item === 'string') return item;
        const relation = item as { documentId?: unknown; apiData?: { documentId?: unknown } } | null | undefined;
        return relation?.documentId ?? relation?.apiData?.documentId;
      })
      .filter((id: unknown): id is string => typeof id === 'string');
  const v = (value ?? {}) as { connect?: unknown; disconnect?: unknown };
  return { connect: ids(v.connect), disconnect: ids(v.disconnect) };
}
