import schedule from './schedule';
import delivery from './delivery';
import lease from './lease';
import pacingSlot from './pacing-slot';

export default { schedule, delivery, lease, 'pacing-slot': pacingSlot };
