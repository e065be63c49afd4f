import type { Core } from '@strapi/strapi';

/** PostgreSQL (Strapi's dialect name; knex's own client name there is "pg"). */
export const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';
