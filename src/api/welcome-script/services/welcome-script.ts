/**
 * welcome-script service
 */
import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::welcome-script.welcome-script');
