/**
 * welcome-script controller
 */
import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::welcome-script.welcome-script');
