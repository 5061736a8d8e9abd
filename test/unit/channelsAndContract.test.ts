import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addBusinessDays, businessDaysBetween, isBusinessDay, koreanDate } from '../../src/domain/businessDays.ts';
import { checkChannelName, checkLiveCredentials, hectoTestMids } from '../../src/domain/channels.ts';
import { checkStageMove, contractStages, expectedCardReviewEnd, expectedStageDates, liveGate, stageReached, type StageFacts } from '../../src/domain/contract.ts';

describe('channel name rule', () => {
  it('accepts letters of any script, digits, spaces, _ and -', () => {
    for (const name of ['헥토 결제창_테스트-1', 'Hecto live', 'テスト チャンネル', 'канал 2', 'हिन्दी']) {
      assert.equal(checkChannelName(name), undefined, name);
    }
  });

  it('refuses other characters and says which are allowed and which are not', () => {
    const error = checkChannelName('헥토!결제@')!;
    assert.equal(error.field, 'name');
    assert.match(error.message.ko, /문자.*숫자.*공백.*밑줄\(_\).*하이픈\(-\)/);
    assert.match(error.message.ko, /! @/);
    assert.match(error.message.en, /Not allowed: ! @/);
    assert.ok(checkChannelName('   '));
    assert.ok(checkChannelName('a'.repeat(51)));
    assert.ok(checkChannelName('tab\there'));
  });

  it('lists the three TEST MIDs with what they do', () => {
    assert.deepEqual(Object.keys(hectoTestMids), ['portone1', 'nxca_ks_gu', 'nxca_jt_bi']);
    assert.match(hectoTestMids.nxca_ks_gu.ko, /비밀번호 앞 2자리.*생년월일/);
  });

  it('checks LIVE keys: MID format, no test MID, a 32-character encryption key', () => {
    const good = { mid: 'm_live_01', licenseKey: 'ST1009281328226982205', encryptionKey: 'pgSettle30y739r82jtd709yOfZ2yK5K' };
    assert.equal(checkLiveCredentials(good), undefined);
    assert.equal(checkLiveCredentials({ ...good, mid: 'nxca_jt_bi' })?.field, 'mid');
    assert.equal(checkLiveCredentials({ ...good, mid: 'bad mid!' })?.field, 'mid');
    assert.equal(checkLiveCredentials({ ...good, encryptionKey: 'short' })?.field, 'encryptionKey');
    assert.equal(checkLiveCredentials({ ...good, encryptionKey: `${good.encryptionKey}x` })?.field, 'encryptionKey');
    assert.equal(checkLiveCredentials({ ...good, licenseKey: 'has space in it' })?.field, 'licenseKey');
  });
});

describe('Korean business days', () => {
  it('skips weekends and public holidays, substitute holidays included', () => {
    assert.equal(isBusinessDay('2026-11-23'), true); // Monday
    assert.equal(isBusinessDay('2026-11-22'), false); // Sunday
    assert.equal(isBusinessDay('2026-09-25'), false); // 추석 연휴
    assert.equal(isBusinessDay('2026-10-05'), false); // 개천절 대체공휴일
    assert.equal(isBusinessDay('2026-02-16'), false); // 설날 연휴 (전날: date-holidays omits it)
    assert.equal(isBusinessDay('2026-02-19'), true); // the day after 연휴 (date-holidays wrongly includes it)
  });

  it('knows the election days date-holidays lacks', () => {
    assert.equal(isBusinessDay('2026-06-03'), false); // 제9회 전국동시지방선거 (Wednesday)
    assert.equal(isBusinessDay('2025-06-03'), false); // 제21대 대통령선거 (snap election)
    assert.equal(isBusinessDay('2028-04-12'), false); // 제23대 국회의원선거
    assert.equal(isBusinessDay('2027-03-03'), true); // the 2027 presidential election was brought forward to 2025
    assert.equal(addBusinessDays('2026-06-02', 1), '2026-06-04');
    assert.equal(addBusinessDays('2026-06-02', 3), '2026-06-08'); // Thu 4, Fri 5, (Sat 6 현충일) Mon 8
  });

  it('adds business days across a holiday run', () => {
    // Wednesday 2026-09-23, then 추석 24–26 (Thu–Sat), Sunday: the first business day after is Monday 28th.
    assert.equal(addBusinessDays('2026-09-23', 1), '2026-09-28');
    assert.equal(addBusinessDays('2026-09-23', 3), '2026-09-30');
    assert.equal(addBusinessDays('2026-11-22', 0), '2026-11-23'); // Sunday counts from Monday
    assert.equal(businessDaysBetween('2026-09-23', '2026-09-30'), 3);
  });

  it("uses Seoul's calendar day, not the server's", () => {
    assert.equal(koreanDate(new Date('2026-11-22T15:30:00Z')), '2026-11-23');
    assert.equal(koreanDate(new Date('2026-11-22T14:59:59Z')), '2026-11-22');
  });
});

describe('contract stages', () => {
  const facts: StageFacts = { missingDocuments: 0, hasTestChannel: true, missingChecklist: [], approvedCardCompanies: 1 };

  it('moves one stage forward at a time, each by its owner', () => {
    let stage: (typeof contractStages)[number] | null = null;
    const owners = ['merchant', 'operator', 'operator', 'operator', 'operator', 'merchant', 'merchant', 'merchant', 'operator'] as const;
    contractStages.forEach((next, i) => {
      assert.equal(checkStageMove(stage, next, owners[i]!, facts), undefined, next);
      stage = next;
    });
    assert.equal(checkStageMove('LIVE', 'LIVE', 'operator', facts)?.code, 'NOT_NEXT');
  });

  it('refuses skipping, going back, and the other side’s stages', () => {
    assert.equal(checkStageMove('SUBMITTED', 'CONTRACT_GUIDANCE', 'operator', facts)?.code, 'NOT_NEXT');
    assert.equal(checkStageMove('CONTRACT_GUIDANCE', 'FORWARDED', 'operator', facts)?.code, 'NOT_NEXT');
    assert.equal(checkStageMove('SUBMITTED', 'FORWARDED', 'merchant', facts)?.code, 'NOT_YOURS');
    assert.equal(checkStageMove(null, 'SUBMITTED', 'operator', facts)?.code, 'NOT_YOURS');
  });

  it('needs the documents, a test channel and an approving card company', () => {
    assert.equal(checkStageMove('CONTRACT_IN_PROGRESS', 'CONTRACT_COMPLETED', 'operator', { ...facts, missingDocuments: 2 })?.code, 'PRECONDITION');
    assert.equal(checkStageMove('CONTRACT_COMPLETED', 'TEST_CHANNEL_SETUP', 'merchant', { ...facts, hasTestChannel: false })?.code, 'PRECONDITION');
    assert.equal(checkStageMove('CARD_REVIEW', 'LIVE', 'operator', { ...facts, approvedCardCompanies: 0 })?.code, 'PRECONDITION');
  });

  it('expects dates in business days: forwarded the same business day, guidance within 3, review about two weeks', () => {
    // Submitted Friday evening before 추석 (2026-09-18 20:00 KST): forwarded that Friday.
    const dates = expectedStageDates({ SUBMITTED: new Date('2026-09-18T11:00:00Z') });
    assert.equal(dates.FORWARDED, '2026-09-18');
    assert.equal(dates.CONTRACT_GUIDANCE, '2026-09-23'); // Mon 21, Tue 22, Wed 23
    // Submitted on Saturday: forwarded on Monday.
    assert.equal(expectedStageDates({ SUBMITTED: new Date('2026-11-21T03:00:00Z') }).FORWARDED, '2026-11-23');
    assert.equal(expectedCardReviewEnd(new Date('2026-09-22T03:00:00Z')), '2026-10-12');
  });

  it('gives every stage an expected date, across 추석, 개천절 (substitute) and 한글날', () => {
    const dates = expectedStageDates({ SUBMITTED: new Date('2026-09-18T11:00:00Z'), FORWARDED: new Date('2026-09-18T12:00:00Z') });
    assert.deepEqual(dates, {
      SUBMITTED: '2026-09-18',
      FORWARDED: '2026-09-18',
      CONTRACT_GUIDANCE: '2026-09-23',
      CONTRACT_IN_PROGRESS: '2026-09-28', // 24–26 추석 연휴, then the weekend
      CONTRACT_COMPLETED: '2026-10-06', // 29, 30, 1, 2, (3 개천절, 5 대체공휴일) 6
      TEST_CHANNEL_SETUP: '2026-10-07',
      DEVELOPMENT: '2026-10-08',
      CARD_REVIEW: '2026-10-23', // 9 한글날; 12–16, 19–23
      LIVE: '2026-11-06', // about two weeks of card-company review
      CARD_REVIEW_END: '2026-11-06',
    });
  });

  it('recomputes the later expectations from what actually happened', () => {
    // 계약안내 came late, on Thursday 2026-10-01: the contract counts from there, the past stays as it was expected.
    const dates = expectedStageDates({
      SUBMITTED: new Date('2026-09-18T01:00:00Z'),
      FORWARDED: new Date('2026-09-18T02:00:00Z'),
      CONTRACT_GUIDANCE: new Date('2026-10-01T05:00:00Z'),
    });
    assert.equal(dates.CONTRACT_GUIDANCE, '2026-09-23');
    assert.equal(dates.CONTRACT_IN_PROGRESS, '2026-10-02');
    assert.equal(dates.CONTRACT_COMPLETED, '2026-10-13'); // 6, 7, 8, (9 한글날) 12, 13
    // The card review requested on 2026-10-12 (Mon): about two weeks later.
    const review = expectedStageDates({
      SUBMITTED: new Date('2026-09-18T01:00:00Z'),
      CARD_REVIEW: new Date('2026-10-12T01:00:00Z'),
    });
    assert.equal(review.CARD_REVIEW_END, '2026-10-26');
    assert.equal(review.CARD_REVIEW_END, expectedCardReviewEnd(new Date('2026-10-12T01:00:00Z')));
  });

  it('refuses the card-company review until the 개발진행 checklist is complete, naming what is missing', () => {
    const refusal = checkStageMove('DEVELOPMENT', 'CARD_REVIEW', 'merchant', { ...facts, missingChecklist: ['testCancel', 'webhook'] });
    assert.equal(refusal?.code, 'PRECONDITION');
    assert.match(refusal!.message.ko, /테스트 결제 취소 성공, 웹훅 2xx 응답/);
    assert.doesNotMatch(refusal!.message.ko, /결제창/);
    assert.match(refusal!.message.en, /successful test cancel, a webhook answered with 2xx/);
    assert.equal(checkStageMove('DEVELOPMENT', 'CARD_REVIEW', 'merchant', facts), undefined);
  });

  it('gates LIVE: channels from 계약완료, payments after a card company approves', () => {
    assert.equal(stageReached('CONTRACT_IN_PROGRESS', 'CONTRACT_COMPLETED'), false);
    assert.equal(stageReached('DEVELOPMENT', 'CONTRACT_COMPLETED'), true);
    assert.equal(stageReached(null, 'CONTRACT_COMPLETED'), false);
    const closed = liveGate([]);
    assert.equal(closed.allowed, false);
    assert.ok(!closed.allowed && /카드사 심사/.test(closed.message.ko));
    assert.deepEqual(liveGate(['KB국민']), { allowed: true, approvedCardCompanies: ['KB국민'] });
  });
});
