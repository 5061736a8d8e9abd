import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

const ko = {
  brand: 'paymux 콘솔',
  switchLanguage: 'English',
  email: '이메일',
  password: '비밀번호',
  passwordConfirm: '비밀번호 확인',
  companyName: '회사명',
  businessRegistrationNumber: '사업자등록번호',
  brnHint: '숫자 10자리 (하이픈 포함 가능)',
  login: '로그인',
  loginTitle: '콘솔 로그인',
  signup: '회원가입',
  signupTitle: '회원가입',
  signupLead: '가맹점과 첫 상점, 소유자 계정이 만들어집니다.',
  noAccount: '계정이 없으신가요?',
  haveAccount: '이미 계정이 있으신가요?',
  logout: '로그아웃',
  passwordHint: '{{min}}자 이상',
  signupErrors: {
    companyName: '회사명을 입력해 주세요.',
    brn: '사업자등록번호 10자리를 입력해 주세요.',
    email: '올바른 이메일 주소를 입력해 주세요.',
    passwordTooShort: '비밀번호는 {{min}}자 이상이어야 합니다.',
    passwordMismatch: '비밀번호가 일치하지 않습니다.',
  },
  store: '상점',
  noStore: '이 계정에 연결된 상점이 없습니다.',
  navLabel: '콘솔 메뉴',
  nav: { home: '홈', application: '전자결제 신청', channels: '채널 관리', payments: '결제 내역', billingKeys: '빌링키', webhooks: '웹훅', apiKeys: 'API 키' },
  home: {
    title: '홈',
    welcome: '{{name}}에 오신 것을 환영합니다.',
    merchantCode: '가맹점 식별코드',
    storeId: '상점 아이디',
    next: '다음 단계: 채널 관리에서 테스트 채널을 확인하고, API 키에서 시크릿을 발급해 연동을 시작하세요.',
  },
  comingSoon: '준비 중입니다. 다음 업데이트에서 제공됩니다.',
  channels: {
    title: '채널 관리',
    lead: '상점에 연결된 결제대행사 채널입니다.',
    name: '채널 이름',
    mode: '연동 모드',
    pg: '결제대행사',
    mid: 'PG상점아이디 (MID)',
    key: '채널 키',
    default: '기본',
    TEST: '테스트',
    LIVE: '실연동',
    SETTLE: '헥토파이낸셜',
    empty: '채널이 없습니다.',
  },
  apiKeys: {
    title: 'API 키',
    v2Title: 'V2 API 시크릿',
    v2Lead: 'PortOne V2 API와 서버 SDK에서 Authorization: PortOne {시크릿} 헤더로 사용합니다.',
    name: '이름',
    create: '생성',
    masked: '시크릿',
    createdAt: '발급일',
    lastUsedAt: '마지막 사용',
    status: '상태',
    active: '사용 중',
    revokedAt: '폐기됨 ({{when}})',
    revoke: '폐기',
    actions: '작업',
    confirmRevoke: '시크릿 "{{name}}"을(를) 폐기할까요? 이 시크릿을 쓰는 서버는 즉시 인증에 실패합니다.',
    empty: '발급된 시크릿이 없습니다.',
    v1Title: 'V1 API 키 (iamport)',
    v1Lead: '아임포트(V1) REST API의 토큰 발급(/users/getToken)에 사용합니다.',
    merchantCode: '가맹점 식별코드',
    impKey: 'REST API Key',
    impSecret: 'REST API Secret',
    rotate: '재발급',
    confirmRotate: 'REST API Secret을 재발급할까요? 기존 Secret은 즉시 사용할 수 없습니다.',
  },
  webhooks: {
    title: '웹훅',
    lead: '결제 상태가 바뀌면 이 URL로 Standard Webhooks 형식의 서명된 요청을 보냅니다.',
    url: '웹훅 URL',
    urlHint: 'http:// 또는 https:// 주소. 비워 두고 저장하면 웹훅을 보내지 않습니다.',
    save: '저장',
    saved: '저장되었습니다.',
    secret: '웹훅 시크릿',
    secretLead: '수신 서버는 이 시크릿으로 webhook-signature 헤더를 검증합니다.',
    rotate: '시크릿 재발급',
    confirmRotate: '웹훅 시크릿을 재발급할까요? 이후 웹훅은 새 시크릿으로 서명됩니다.',
  },
  revealed: {
    once: '이 시크릿은 지금 한 번만 표시됩니다. 안전한 곳에 보관하세요.',
    copy: '복사',
    copied: '복사됨',
    close: '확인',
  },
  loading: '불러오는 중…',
  unreachable: 'paymux에 연결할 수 없습니다. 연결을 확인해 주세요.',
};

type Resource = typeof ko;

const en: Resource = {
  brand: 'paymux console',
  switchLanguage: '한국어',
  email: 'E-mail',
  password: 'Password',
  passwordConfirm: 'Confirm password',
  companyName: 'Company name',
  businessRegistrationNumber: 'Business registration number',
  brnHint: '10 digits (dashes allowed)',
  login: 'Sign in',
  loginTitle: 'Sign in to the console',
  signup: 'Sign up',
  signupTitle: 'Sign up',
  signupLead: 'Creates your merchant, its first store and your owner account.',
  noAccount: 'No account yet?',
  haveAccount: 'Already have an account?',
  logout: 'Sign out',
  passwordHint: 'At least {{min}} characters',
  signupErrors: {
    companyName: 'Enter your company name.',
    brn: 'Enter the 10-digit business registration number.',
    email: 'Enter a valid e-mail address.',
    passwordTooShort: 'The password must be at least {{min}} characters.',
    passwordMismatch: 'The passwords do not match.',
  },
  store: 'Store',
  noStore: 'No store is linked to this account.',
  navLabel: 'Console menu',
  nav: { home: 'Home', application: 'PG application', channels: 'Channels', payments: 'Payments', billingKeys: 'Billing keys', webhooks: 'Webhooks', apiKeys: 'API keys' },
  home: {
    title: 'Home',
    welcome: 'Welcome, {{name}}.',
    merchantCode: 'Merchant code',
    storeId: 'Store ID',
    next: 'Next: check your test channels under Channels and create a secret under API keys to start integrating.',
  },
  comingSoon: 'Coming in a later update.',
  channels: {
    title: 'Channels',
    lead: 'Payment gateway channels of this store.',
    name: 'Channel name',
    mode: 'Mode',
    pg: 'PG',
    mid: 'PG merchant ID (MID)',
    key: 'Channel key',
    default: 'Default',
    TEST: 'Test',
    LIVE: 'Live',
    SETTLE: 'Hecto Financial',
    empty: 'No channels.',
  },
  apiKeys: {
    title: 'API keys',
    v2Title: 'V2 API secrets',
    v2Lead: 'Used by the PortOne V2 API and server SDKs in the header Authorization: PortOne {secret}.',
    name: 'Name',
    create: 'Create',
    masked: 'Secret',
    createdAt: 'Created',
    lastUsedAt: 'Last used',
    status: 'Status',
    active: 'Active',
    revokedAt: 'Revoked ({{when}})',
    revoke: 'Revoke',
    actions: 'Actions',
    confirmRevoke: 'Revoke the secret "{{name}}"? Servers using it fail to authenticate at once.',
    empty: 'No secrets yet.',
    v1Title: 'V1 API keys (iamport)',
    v1Lead: 'Used to get a token from the iamport (V1) REST API (/users/getToken).',
    merchantCode: 'Merchant code',
    impKey: 'REST API Key',
    impSecret: 'REST API Secret',
    rotate: 'Reissue',
    confirmRotate: 'Reissue the REST API Secret? The old one stops working at once.',
  },
  webhooks: {
    title: 'Webhooks',
    lead: 'Signed Standard Webhooks requests go to this URL when a payment changes.',
    url: 'Webhook URL',
    urlHint: 'An http:// or https:// address. Save it empty to stop sending webhooks.',
    save: 'Save',
    saved: 'Saved.',
    secret: 'Webhook secret',
    secretLead: 'Your receiving server verifies the webhook-signature header with this secret.',
    rotate: 'Reissue secret',
    confirmRotate: 'Reissue the webhook secret? Webhooks are signed with the new one from now on.',
  },
  revealed: {
    once: 'Shown only once. Keep it somewhere safe.',
    copy: 'Copy',
    copied: 'Copied',
    close: 'Done',
  },
  loading: 'Loading…',
  unreachable: 'Could not reach paymux. Check the connection.',
};

export type Language = 'ko' | 'en';
const storageKey = 'paymux.lang';

function storedLanguage(): Language {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko'; // storage can be refused (privacy settings); Korean is the default anyway
  }
}

// Keep <html lang> and the tab title in step with the chosen language.
i18n.on('languageChanged', (lang) => {
  document.documentElement.lang = lang;
  document.title = i18n.t('brand');
});

void i18n.use(initReactI18next).init({
  resources: { ko: { translation: ko }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'ko',
  interpolation: { escapeValue: false },
});

export function setLanguage(lang: Language) {
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // not remembered across visits, still switched now
  }
  void i18n.changeLanguage(lang);
}

export default i18n;
