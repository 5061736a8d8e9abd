/** PortOne's bank names ⇄ the Korean standard bank codes (금융결제원 3-digit codes) PGs use. */
export const BANK_CODES = {
  KDB: '002',
  IBK: '003',
  KOOKMIN: '004',
  SUHYUP: '007',
  NONGHYUP: '011',
  LOCAL_NONGHYUP: '012',
  WOORI: '020',
  STANDARD_CHARTERED: '023',
  CITI: '027',
  DAEGU: '031',
  BUSAN: '032',
  KWANGJU: '034',
  JEJU: '035',
  JEONBUK: '037',
  KYONGNAM: '039',
  KFCC: '045',
  SHINHYUP: '048',
  SAVINGS_BANK: '050',
  POST: '071',
  HANA: '081',
  SHINHAN: '088',
  K_BANK: '089',
  KAKAO: '090',
  TOSS: '092',
} as const;

export type Bank = keyof typeof BANK_CODES;
export const banks = Object.keys(BANK_CODES) as [Bank, ...Bank[]];

export function bankOfCode(code: string): Bank | undefined {
  return banks.find((bank) => BANK_CODES[bank] === code);
}
