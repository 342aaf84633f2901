'use strict';
// The HTTP calls of a chaos run, with tokens from the run's own development key.
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');

class HttpClient {
  constructor(services) {
    this.services = services;
    this.tokens = new Map();
  }

  async token(role, { institutionCode, sub } = {}) {
    const key = `${role}/${institutionCode || ''}/${sub || ''}`;
    if (!this.tokens.has(key)) {
      const { mintDevToken } = require('../../token/mint');
      this.tokens.set(
        key,
        await mintDevToken(root, {
          role,
          institutionCode,
          sub: sub || (institutionCode ? `inst-${institutionCode}` : `chaos-${role}`),
          ttlSeconds: 4 * 3600,
        }),
      );
    }
    return this.tokens.get(key);
  }

  async call(service, method, urlPath, { token, body, accept } = {}) {
    try {
      const response = await fetch(`${this.services.url(service)}${urlPath}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(accept ? { accept } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, text, json };
    } catch (error) {
      return { status: 0, text: String(error), json: undefined };
    }
  }

  async issueExtract(bsn, resultId) {
    const token = await this.token('student', { sub: bsn });
    const answer = await this.call(
      'register',
      'POST',
      `/v1/me/results/${encodeURIComponent(resultId)}/extracts`,
      { token, accept: 'application/vc+jwt' },
    );
    return { status: answer.status, credential: answer.text.trim() };
  }

  async verify(credential) {
    return this.call('register', 'POST', '/v1/extracts/verify', { body: { credential } });
  }

  async result(institutionCode, resultSequence) {
    const token = await this.token('institution', { institutionCode });
    return this.call(
      'register',
      'GET',
      `/v1/institutions/${institutionCode}/results/${encodeURIComponent(resultSequence)}`,
      { token },
    );
  }

  async ops(service, method, urlPath) {
    return this.call(service, method, urlPath, { token: await this.token('ops') });
  }
}

module.exports = { HttpClient };
