import { Badge } from '@strapi/design-system';
import { useT } from '../utils/translate';

/** Status colours from the admin's own palette: one hue per state. */
export const STATUS_COLORS: Record<string, { bg: string; text: string; border: string }> = {
  planned: { bg: 'primary100', text: 'primary700', border: 'primary200' },
  upcoming: { bg: 'neutral0', text: 'primary600', border: 'primary200' },
  sending: { bg: 'secondary100', text: 'secondary700', border: 'secondary200' },
  sent: { bg: 'success100', text: 'success700', border: 'success200' },
  failed: { bg: 'warning100', text: 'warning700', border: 'warning200' },
  dead: { bg: 'danger100', text: 'danger700', border: 'danger200' },
  skipped: { bg: 'neutral150', text: 'neutral600', border: 'neutral200' },
  missed: { bg: 'neutral150', text: 'neutral600', border: 'neutral200' },
  cancelled: { bg: 'neutral150', text: 'neutral500', border: 'neutral200' },
};

export const StatusBadge = ({ status }: { status: string }) => {
  const t = useT();
  const c = STATUS_COLORS[status] ?? STATUS_COLORS.skipped;
  return (
    <Badge backgroundColor={c.bg} textColor={c.text} data-testid="post-status">
      {t(`status.${status}`)}
    </Badge>
  );
};
