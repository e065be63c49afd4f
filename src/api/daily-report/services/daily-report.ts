/**
 * daily-report service
 */
import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::daily-report.daily-report');
