import type { Core, Modules } from '@strapi/strapi';
import { validateSchedule } from './document-middlewares/validate-schedule';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Strapi's Middleware type promises the service's result type; ours passes next()'s on.
  strapi.documents.use(validateSchedule(strapi) as Modules.Documents.Middleware.Middleware);
};
