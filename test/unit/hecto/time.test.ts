import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  koreanDate,
  koreanEndOfDayAfter,
  koreanTimestamp,
  koreanWallClock,
  parseKoreanDateTime,
} from '../../../src/pg/hecto/codec/index.ts';

test('formats trdDt/trdTm in Korean time (UTC+9), across the date line', () => {
  assert.deepEqual(koreanTimestamp(new Date('2021-12-31T01:00:00Z')), {
    trdDt: '20211231',
    trdTm: '100000',
    trdDtm: '20211231100000',
  });
  assert.equal(koreanDate(new Date('2021-12-31T15:00:00Z')), '20220101');
  assert.equal(koreanDate(new Date('2021-12-31T14:59:59Z')), '20211231');
});

test('parses Korean date-times back to the instant and rejects impossible ones', () => {
  assert.equal(parseKoreanDateTime('20211231100000')?.toISOString(), '2021-12-31T01:00:00.000Z');
  assert.equal(parseKoreanDateTime('20211231')?.toISOString(), '2021-12-30T15:00:00.000Z');
  assert.equal(parseKoreanDateTime('20211331100000'), undefined);
  assert.equal(parseKoreanDateTime('20211231250000'), undefined);
  assert.equal(parseKoreanDateTime('2021123110'), undefined);
  assert.equal(parseKoreanDateTime('abc'), undefined);
});

test('deadline helpers work on the Korean calendar', () => {
  const at = new Date('2021-12-31T16:00:00Z'); // 2022-01-01 01:00 KST
  assert.equal(koreanTimestamp(koreanEndOfDayAfter(at, 10)).trdDtm, '20220111235959');
  assert.equal(koreanTimestamp(koreanWallClock(at, 23, 0)).trdDtm, '20220101230000');
});
