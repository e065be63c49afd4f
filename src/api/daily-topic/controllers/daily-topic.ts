/**
 * daily-topic controller
 */
import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::daily-topic.daily-topic');
