import { Badge } from '@strapi/design-system';
import { useT } from '../utils/translate';
import type { ReadinessState } from '../lib/readiness';

const COLORS: Record<ReadinessState, { bg: string; text: string }> = {
  missing: { bg: 'danger100', text: 'danger700' },
  draft: { bg: 'warning100', text: 'warning700' },
  scheduled: { bg: 'secondary100', text: 'secondary700' },
  ready: { bg: 'success100', text: 'success700' },
};

/** A content readiness state ("missing", "draft" …), the reason as its tooltip. */
export const ReadinessBadge = ({
  state,
  reason,
  testId = 'readiness-state',
}: {
  state: ReadinessState;
  reason?: string | null;
  testId?: string;
}) => {
  const t = useT();
  const c = COLORS[state] ?? COLORS.missing;
  return (
    <Badge backgroundColor={c.bg} textColor={c.text} title={reason ?? undefined} data-testid={testId} data-state={state}>
      {t(`readiness.state.${state}`)}
    </Badge>
  );
};
