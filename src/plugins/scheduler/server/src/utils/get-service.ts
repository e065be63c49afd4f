import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import type services from '../services';

type Services = typeof services;
export type ServiceName = keyof Services;
export type ServiceOf<K extends ServiceName> = ReturnType<Services[K]>;

/** The one typed way to reach this plugin's services. */
export function getService<K extends ServiceName>(name: K, strapi: Core.Strapi = global.strapi): ServiceOf<K> {
  return strapi.plugin(PLUGIN_ID).service(name) as ServiceOf<K>;
}
