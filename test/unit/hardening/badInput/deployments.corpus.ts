// The bad-input catalogue (issue 8), deployment URLs typed into "Add Deployment". Each row is an input and the exact
// message the user sees; deployments.suite.ts runs every row. Messages are written out in full on purpose: a vaguer
// or changed wording must fail here and be looked at.

export interface DeploymentCase {
  input: string;
  message: string;
}

const V2_HINT =
  'The Things Network v2 was shut down in 2021. Its accounts, `ttnctl` and `ttn-account-v2.` keys do not work with ' +
  'The Things Stack v3: sign in at your v3 cluster (e.g. https://eu1.cloud.thethings.network) and create an API key ' +
  '(NNSXS.…) or use the browser sign-in.';
const USE_HTTPS = (host: string): string =>
  `Use https for ${host}: plain http would send your tokens unencrypted. http is only allowed for localhost.`;

/** Enters: checkDeploymentUrl, the validator of the "Add Deployment" input box (the settings are written only when it passes). */
export const DEPLOYMENT_CASES: DeploymentCase[] = [
  {
    input: '',
    message: 'Enter the URL of your The Things Stack deployment, e.g. https://eu1.cloud.thethings.network.',
  },
  {
    input: '  \t',
    message: 'Enter the URL of your The Things Stack deployment, e.g. https://eu1.cloud.thethings.network.',
  },
  {
    input: 'eu1.cloud.thethings.network',
    message: '"eu1.cloud.thethings.network" has no scheme; did you mean https://eu1.cloud.thethings.network?',
  },
  {
    input: '//eu1.cloud.thethings.network',
    message: '"//eu1.cloud.thethings.network" has no scheme; did you mean https://eu1.cloud.thethings.network?',
  },
  { input: 'localhost:1885', message: '"localhost:1885" has no scheme; did you mean https://localhost:1885?' },
  { input: 'http://eu1.cloud.thethings.network', message: USE_HTTPS('eu1.cloud.thethings.network') },
  { input: 'http://lns.example.com:1885', message: USE_HTTPS('lns.example.com') },
  { input: 'http://192.168.1.20', message: USE_HTTPS('192.168.1.20') },
  { input: 'http://localhost.evil.example', message: USE_HTTPS('localhost.evil.example') },
  { input: 'https://console.thethingsnetwork.org', message: V2_HINT },
  { input: 'https://account.thethingsnetwork.org/users/login', message: V2_HINT },
  { input: 'https://router.eu.thethings.network', message: V2_HINT },
  { input: 'https://eu.thethings.network', message: V2_HINT },
  { input: 'https://discovery.thethings.network:8080', message: V2_HINT },
  { input: 'ttn-account-v2.abcdef', message: V2_HINT },
  { input: 'ttnctl', message: V2_HINT },
  { input: 'ftp://lns.example.com', message: '"ftp:" is not a web address; use https://.' },
  { input: 'javascript:alert(1)', message: '"javascript:" is not a web address; use https://.' },
  { input: 'mqtts://eu1.cloud.thethings.network:8883', message: '"mqtts:" is not a web address; use https://.' },
  {
    input: 'https:eu1.cloud.thethings.network',
    message:
      '"https:eu1.cloud.thethings.network" needs "//" after the scheme, e.g. https://eu1.cloud.thethings.network.',
  },
  { input: 'https://user:pw@lns.example.com', message: 'Do not put credentials in the deployment URL.' },
  {
    input: 'https://eu1.cloud.thethings.netw\u043erk',
    message: 'The URL must be plain ASCII: "\u043e" (U+043E) is a Cyrillic letter.',
  },
  {
    input: 'https://eu1.cloud.thethings.network\u200b',
    message:
      'The URL must be plain ASCII: it contains an invisible character (U+200B); delete it and type the text again.',
  },
  {
    input: 'https://lns.example.com:99999',
    message: '"https://lns.example.com:99999" is not a valid URL: check the host name and port.',
  },
  {
    input: 'https://exa mple.com',
    message: '"https://exa mple.com" is not a valid URL: check the host name and port.',
  },
  { input: 'https://', message: '"https://" is not a valid URL: check the host name and port.' },
];
