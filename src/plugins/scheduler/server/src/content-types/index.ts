import schedule from './schedule';
import delivery from './delivery';
import lease from './lease';

export default { schedule, delivery, lease };
