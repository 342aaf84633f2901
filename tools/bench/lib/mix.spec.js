'use strict';
const { describe, it, expect } = require('@jest/globals');
const {
  makeMix,
  mixCounts,
  partnersFor,
  randomEducationNumber,
  isValidEducationNumber,
  amsterdamDate,
} = require('./mix');
const { isValidBsn } = require('./results');
const { random } = require('./overview-seed');

const NOW = Date.parse('2026-11-28T12:00:00Z');

describe('makeMix', () => {
  const mix = makeMix({ count: 1000, institutions: 150, run: 'abc', now: NOW });
  const counts = mixCounts(mix);

  it('is mostly registrations, some corrections, 2 % deletions, a few fraud reports', () => {
    expect(mix.commands).toHaveLength(1000);
    expect(counts).toMatchObject({ register: 895, correct: 80, delete: 20, fraud: 5 });
  });

  it('spreads the results over 150 BRIN-like institutions', () => {
    expect(counts.institutions).toBe(150);
    for (const r of mix.results) expect(r.institutionCode).toMatch(/^[0-9]{2}[A-Z]{2}$/);
  });

  it('has healthcare programmes, which CIBG receives as well as MijnOverheid', () => {
    expect(counts.healthcare).toBeGreaterThan(80);
    expect(counts.healthcare).toBeLessThan(200);
    expect(partnersFor('34560')).toEqual(['cibg-big', 'mijnoverheid']);
    expect(partnersFor('34479')).toEqual(['mijnoverheid']);
  });

  it('makes commands that pass the contract checks', () => {
    const today = amsterdamDate(NOW);
    for (const c of mix.commands) {
      const { body } = c;
      expect(body.institutionCode).toMatch(/^[0-9]{2}[A-Z]{2}$/);
      expect(body.resultSequence).toMatch(/^[A-Za-z0-9]{1,20}$/);
      expect(c.routingKey).toBe(
        `institution.${body.institutionCode}.${
          {
            RegisterResult: 'register-result',
            CorrectResult: 'correct-result',
            DeleteResult: 'delete-result',
            ReportFraud: 'report-fraud',
          }[c.type]
        }`,
      );
      if (c.type === 'RegisterResult') {
        const { person, programme } = body;
        expect(Object.keys(person)).toHaveLength(1);
        if (person.bsn) expect(isValidBsn(person.bsn)).toBe(true);
        else expect(isValidEducationNumber(person.educationNumber)).toBe(true);
        expect(programme.crohoCode).toMatch(/^[0-9]{5}$/);
        if (programme.examType === 'associate-degree') expect(programme.level).toBe('HBO');
        expect(body.examDate <= today).toBe(true);
        expect(body.examDate > '1950-01-01').toBe(true);
      }
      if (c.type === 'DeleteResult') {
        expect(body.reason).not.toBe('fraud');
        if (body.reason === 'other') expect(body.explanation.length).toBeGreaterThan(0);
        expect(body.acknowledgeIrreversible).toBe(true);
      }
      if (c.type === 'ReportFraud') expect(body.explanation.length).toBeGreaterThan(0);
      if (c.type === 'CorrectResult') {
        expect(body.studyMode).not.toBe(mix.commands[c.result].body.studyMode);
      }
    }
  });

  it('gives every follow-up a result of its own, after its registration', () => {
    const followUps = mix.commands.filter((c) => c.after);
    expect(new Set(followUps.map((c) => c.result)).size).toBe(followUps.length);
    for (const c of followUps) {
      expect(c.after.command).toBe(c.result);
      expect(mix.commands[c.after.command].kind).toBe('register');
      expect(c.after.when).toBe(c.kind === 'delete' ? 'delivered' : 'accepted');
    }
  });

  it('expects the deliveries propagation makes', () => {
    for (const c of mix.commands) {
      const partners = mix.results[c.result].partners;
      const kinds = c.deliveries.map((d) => `${d.partnerId}:${d.kind}`);
      if (c.kind === 'register') expect(kinds).toEqual(partners.map((p) => `${p}:registration`));
      if (c.kind === 'correct') expect(kinds).toEqual(partners.map((p) => `${p}:correction`));
      // cibg-big cannot retract: it is flagged, it gets no delivery.
      if (c.kind === 'delete') expect(kinds).toEqual(['mijnoverheid:retraction']);
      if (c.kind === 'fraud') expect(kinds).toEqual([]);
    }
  });

  it('is the same for the same options, and unique per run', () => {
    const again = makeMix({ count: 1000, institutions: 150, run: 'abc', now: NOW });
    expect(again.commands.map((c) => c.body)).toEqual(mix.commands.map((c) => c.body));
    const other = makeMix({ count: 1000, institutions: 150, run: 'abd', now: NOW });
    const ids = new Set(mix.results.map((r) => r.resultId));
    expect(other.results.some((r) => ids.has(r.resultId))).toBe(false);
    expect(new Set(mix.commands.map((c) => c.messageId)).size).toBe(1000);
  });

  it('refuses sizes it cannot make', () => {
    expect(() => makeMix({ count: 0, run: 'x' })).toThrow('count');
    expect(() => makeMix({ count: 10, run: 'x-y' })).toThrow('run');
  });
});

describe('randomEducationNumber', () => {
  it('passes the education-number check and fails the BSN check', () => {
    const rng = random(3);
    for (let k = 0; k < 500; k++) {
      const n = randomEducationNumber(rng);
      expect(isValidEducationNumber(n)).toBe(true);
      expect(isValidBsn(n)).toBe(false);
    }
  });
});
