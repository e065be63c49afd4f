/**
 * The scheduler plugin: schedules (RFC 5545 rules in IANA zones), previews, and — in
 * later steps — planning and delivery of posts to chat groups.
 */
import register from './register';
import bootstrap from './bootstrap';
import destroy from './destroy';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import config from './config';

export default {
  register,
  bootstrap,
  destroy,
  config,
  contentTypes,
  controllers,
  routes,
  services,
  policies: {},
  middlewares: {},
};
