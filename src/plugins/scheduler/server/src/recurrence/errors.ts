/** A recurrence that can't be used, naming the input field and what is wrong with it. */
export type RecurrenceField = 'rule' | 'timezone' | 'dtstart' | 'from' | 'to' | 'count' | 'calendar';

export class RecurrenceError extends Error {
  constructor(
    public field: RecurrenceField,
    message: string
  ) {
    super(message);
    this.name = 'RecurrenceError';
  }
}
