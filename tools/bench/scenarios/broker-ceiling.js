'use strict';
// Scenario `broker-ceiling`: the raw broker ceiling in the same run (lib/broker-ceiling.js):
// persistent messages through one quorum queue of a fresh vhost, with nothing in between.
const { Environment } = require('../lib/environment');
const { measureBrokerCeiling } = require('../lib/broker-ceiling');
const { machineBusyShare } = require('../lib/proc');
const { round } = require('../lib/stats');

async function brokerCeiling({ bench, log, options }) {
  const environment = new Environment(bench, 'ceiling', log);
  try {
    await environment.prepare({ database: false });
    const busyBefore = await machineBusyShare(1000);
    log(
      `${options.ceilingCount} persistent messages of ~${options.ceilingSize} bytes through one quorum queue`,
    );
    const ceiling = await measureBrokerCeiling(environment.amqpUrl, {
      count: options.ceilingCount,
      size: options.ceilingSize,
      window: options.window,
      log,
    });
    log(
      `${Math.round(ceiling.messagesPerSecond)} msg/s published and consumed ` +
        `(${ceiling.messages} in ${ceiling.seconds.toFixed(2)} s; publishing alone took ${ceiling.publishSeconds.toFixed(2)} s)`,
    );
    return {
      scenario: 'broker-ceiling',
      messages: ceiling.messages,
      messageBytes: ceiling.bytes,
      seconds: round(ceiling.seconds, 2),
      brokerMessagesPerSecond: Math.round(ceiling.messagesPerSecond),
      publishSeconds: round(ceiling.publishSeconds, 2),
      machineBusyBefore: round(busyBefore, 2),
      complete: true,
    };
  } finally {
    await environment.dispose();
  }
}

module.exports = { brokerCeiling };
