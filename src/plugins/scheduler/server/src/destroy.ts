import type { Core } from '@strapi/strapi';
import { stopLoops } from './bootstrap';

export default (_: { strapi: Core.Strapi }) => {
  stopLoops();
};
