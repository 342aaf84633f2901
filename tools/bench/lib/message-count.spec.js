'use strict';
const { describe, it, expect } = require('@jest/globals');
const { consumedByQueue, difference } = require('./message-count');

describe('consumedByQueue', () => {
  it('adds up every outcome per queue', () => {
    const text = [
      '# HELP rod_messages_consumed_total messages',
      'rod_messages_consumed_total{queue="register.commands",outcome="acked"} 10',
      'rod_messages_consumed_total{queue="register.commands",outcome="requeued"} 2',
      'rod_messages_consumed_total{outcome="acked",queue="reporting.result-events"} 7',
      'rod_message_handling_seconds_count{queue="register.commands"} 12',
    ].join('\n');
    expect(consumedByQueue(text)).toEqual({
      'register.commands': 12,
      'reporting.result-events': 7,
    });
  });
});

describe('difference', () => {
  it('keeps what moved', () => {
    expect(difference({ a: 5, b: 2, c: 1 }, { a: 3, b: 2 })).toEqual({ a: 2, c: 1 });
  });
});
