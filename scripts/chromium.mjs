// How the test runner and the bench start Debian's Chromium: headless, as root, and without the background
// connections that this machine's closed network would refuse.
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Our servers listen on 127.0.0.1 and are addressed as localhost. Chromium resolves localhost itself, to ::1 first,
  // and connects there if anything listens: another process's server on the same port number at ::1 then answers
  // instead (a 204 from it fails the navigation with net::ERR_ABORTED). Node resolves localhost from /etc/hosts.
  '--host-resolver-rules=MAP localhost 127.0.0.1',
];
