import type { Core } from '@strapi/strapi';
import type { ServiceName, ServiceOf } from '../plugins/scheduler/server/src/utils/get-service';
import * as validation from '../plugins/scheduler/server/src/controllers/validation/renditions';

/** The app's controllers reach the scheduler plugin's services through here. */
export function schedulerService(strapi: Core.Strapi) {
  return {
    service<K extends ServiceName>(name: K): ServiceOf<K> {
      return strapi.plugin('scheduler').service(name) as ServiceOf<K>;
    },
    validation,
  };
}
