import schedule from './schedule';
import delivery from './delivery';

export default { schedule, delivery };
