import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { PublicationConflict, PublicationNotFound } from '../services/publications';
import type { Ctx } from './context';

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** Scheduled publishing: REST (API token; `find` is the read-only tokens' read, see health.ts) and the admin's mirror. */
function handlers(strapi: Core.Strapi, createdBy: (ctx: Ctx) => string) {
  const service = () => getService('publications', strapi);
  return {
    async list(ctx: Ctx) {
      const q = ctx.query ?? {};
      ctx.body = await service().list({ uid: str(q.uid), documentId: str(q.documentId), locale: str(q.locale), status: str(q.status) });
    },
    async create(ctx: Ctx) {
      const { data, created } = await service().create(ctx.request.body ?? {}, createdBy(ctx));
      ctx.status = created ? 201 : 200;
      ctx.body = { data };
    },
    async cancel(ctx: Ctx) {
      const id = Number(ctx.params.id);
      try {
        if (!Number.isInteger(id) || id <= 0) throw new PublicationNotFound(`no publication ${ctx.params.id}`);
        ctx.body = await service().cancel(id);
      } catch (err) {
        if (err instanceof PublicationNotFound) throw new errors.NotFoundError(err.message);
        if (!(err instanceof PublicationConflict)) throw err;
        // Strapi's errors.* have no 409: written here (see controllers/tasks.ts).
        ctx.status = 409;
        ctx.body = { data: null, error: { status: 409, name: 'ConflictError', message: err.message, details: {} } };
      }
    },
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const h = handlers(strapi, () => 'api');
  return { find: h.list, create: h.create, delete: h.cancel };
};

/** GET/POST /scheduler/publications, DELETE /scheduler/publications/:id (admin JWT; the admin's email is recorded). */
export const adminPublications = ({ strapi }: { strapi: Core.Strapi }) => {
  const h = handlers(strapi, (ctx) => ctx.state.user?.email ?? 'admin');
  return { publications: h.list, publicationCreate: h.create, publicationCancel: h.cancel };
};
