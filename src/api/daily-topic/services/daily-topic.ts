/**
 * daily-topic service
 */
import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::daily-topic.daily-topic');
