import schedule from './schedule';
import renditions from './renditions';
import deliveries from './deliveries';

export default { schedule, renditions, deliveries };
