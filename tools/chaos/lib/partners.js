'use strict';
// The partners of a chaos run: small HTTP webhook receivers in this process. Each records
// every delivery it accepted (by deliveryId); one can be told to answer 503 for a while.
const crypto = require('node:crypto');
const http = require('node:http');

/** Healthcare programmes (as cibg-big): a partner that receives them cannot retract. */
const HEALTHCARE_CODES = ['34560', '56551'];

const PARTNERS = [
  {
    id: 'chaos-big',
    name: 'Chaos BIG-register (cannot retract)',
    filter: { crohoCodes: HEALTHCARE_CODES },
    canRetract: false,
  },
  { id: 'chaos-portal', name: 'Chaos citizen portal', filter: {}, canRetract: true },
  {
    id: 'chaos-archive',
    name: 'Chaos WO archive (cannot retract)',
    filter: { levels: ['WO'] },
    canRetract: false,
  },
];

/** Whether a partner's filter takes a result's programme (as propagation's filter does). */
function matches(partner, programme) {
  const f = partner.filter;
  if (f.levels && !f.levels.includes(programme.level)) return false;
  if (f.examTypes && !f.examTypes.includes(programme.examType)) return false;
  if (f.crohoCodes && !f.crohoCodes.includes(programme.crohoCode)) return false;
  return true;
}

class PartnerReceiver {
  constructor(partner) {
    this.partner = partner;
    this.secret = crypto.randomBytes(24).toString('hex');
    /** deliveryId → { kind, resultId, eventId, times } */
    this.received = new Map();
    this.failUntil = 0;
    this.badSignatures = 0;
    this.refused = 0;
  }

  async listen() {
    this.server = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks), res));
    });
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}/deliveries`;
  }

  handle(req, body, res) {
    if (Date.now() < this.failUntil) {
      this.refused += 1;
      res.writeHead(503, { 'retry-after': '1' }).end();
      return;
    }
    const expected = `sha256=${crypto.createHmac('sha256', this.secret).update(body).digest('hex')}`;
    if (req.headers['x-signature'] !== expected) {
      this.badSignatures += 1;
      res.writeHead(401).end();
      return;
    }
    let delivery;
    try {
      delivery = JSON.parse(body.toString('utf8'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const seen = this.received.get(delivery.deliveryId);
    if (seen) seen.times += 1;
    else
      this.received.set(delivery.deliveryId, {
        kind: delivery.kind,
        resultId: delivery.resultId,
        eventId: delivery.eventId,
        times: 1,
      });
    res.writeHead(204).end();
  }

  matches(programme) {
    return matches(this.partner, programme);
  }

  failFor(ms) {
    this.failUntil = Date.now() + ms;
  }

  close() {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections?.();
      this.server.close(() => resolve());
    });
  }
}

/** The partners file propagation reads, and the PARTNER_<ID>_SECRET variables. */
function partnersConfig(receivers) {
  const file = {
    partners: receivers.map((r) => ({
      id: r.partner.id,
      name: r.partner.name,
      filter: r.partner.filter,
      canRetract: r.partner.canRetract,
      transport: { kind: 'webhook', url: r.url, timeoutMs: 3000 },
    })),
  };
  const env = {};
  for (const r of receivers) {
    env[`PARTNER_${r.partner.id.toUpperCase().replace(/-/g, '_')}_SECRET`] = r.secret;
  }
  return { file, env };
}

module.exports = { PARTNERS, HEALTHCARE_CODES, PartnerReceiver, partnersConfig, matches };
