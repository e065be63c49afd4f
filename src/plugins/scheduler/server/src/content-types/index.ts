import schedule from './schedule';
import delivery from './delivery';
import deliveryDay from './delivery-day';
import lease from './lease';
import pacingSlot from './pacing-slot';
import taskFeed from './task-feed';
import publication from './publication';

export default { schedule, delivery, 'delivery-day': deliveryDay, lease, 'pacing-slot': pacingSlot, 'task-feed': taskFeed, publication };
