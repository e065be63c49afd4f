import schedule from './schedule';
import renditions from './renditions';

export default { schedule, renditions };
