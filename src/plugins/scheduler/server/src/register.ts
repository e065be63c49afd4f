import type { Core } from '@strapi/strapi';
import { validateSchedule } from './document-middlewares/validate-schedule';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(validateSchedule(strapi) as any);
};
