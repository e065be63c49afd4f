/**
 * lesson router: core routes; public reads see published content only.
 */
import { editorialRouter } from '../../../utils/editorial-router';

export default editorialRouter('api::lesson.lesson');
