import { acceptedStatusCodes, argsText, checkersOf, HTTP_PORT, HTTPS_PORT, isVirtualServerRead, liveRealServers, urlsOf, type Checker } from '@kalint/model';
import type { Located } from '@kalint/parser';
import type { Rule } from '../types.js';

/**
 * An SSL_GET checker whose probe goes to port 80, or an HTTP_GET checker whose probe goes to port
 * 443: the checker speaks TLS to plain HTTP (or plain HTTP to TLS) and fails on every round.
 */
export const httpCheckTlsMismatch: Rule = {
  meta: {
    id: 'http-check-tls-mismatch',
    description: 'An SSL_GET checker against port 80, or an HTTP_GET checker against port 443: TLS against plain HTTP (or the reverse) fails every check',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  virtualServer(server, { report }) {
    if (!isVirtualServerRead(server)) return;
    for (const real of liveRealServers(server)) {
      for (const checker of checkersOf(real)) {
        const port = checker.connectPort?.value;
        if (port === undefined) continue;
        // check_http.c `http_connect_thread`: a checker without a url passes without connecting.
        const urls = urlsOf(checker);
        if (urls.length === 0) continue;
        const where = portPlace(checker);
        const target = `${checker.connectIp.value} port ${port}`;
        const how = checker.connectPort?.origin.kind === 'written' ? 'its connect_port' : 'the real server\'s port';
        if (checker.kind === 'SSL_GET' && port === HTTP_PORT) {
          report({
            message:
              `SSL_GET on real_server ${argsText(real.statement)} starts a TLS handshake with ${target} (${how}), where web servers speak plain HTTP: ` +
              `the handshake fails on every check, so keepalived marks the real server down and never brings it back. ` +
              `Use HTTP_GET for port ${HTTP_PORT}, or connect_port ${HTTPS_PORT} if the server serves TLS there.`,
            at: where,
          });
        } else if (checker.kind === 'HTTP_GET' && port === HTTPS_PORT) {
          // A check written to accept the error a TLS server sends back to plain HTTP works as meant.
          if (urls.some((url) => acceptedStatusCodes(url, 'HTTP_GET').some(([low, high]) => low <= 400 && high >= 400))) continue;
          report({
            message:
              `HTTP_GET on real_server ${argsText(real.statement)} sends a plain HTTP request to ${target} (${how}), where web servers expect a TLS handshake: ` +
              `they answer with an error or close the connection, so the check fails on every round and keepalived marks the real server down. ` +
              `Use SSL_GET for port ${HTTPS_PORT}, or connect_port ${HTTP_PORT} if the server serves plain HTTP there.`,
            at: where,
          });
        }
      }
    }
  },
};

/** The written connect_port's value, else the checker's keyword. */
function portPlace(checker: Checker): Located {
  const origin = checker.connectPort?.origin;
  return origin?.kind === 'written' ? origin.at : checker.statement.keyword;
}
