/**
 * `kalint-language-server --stdio` (also `--node-ipc`, `--socket=PORT`, as vscode-languageserver
 * reads them from the command line).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer } from './server.js';

const transports = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h') || !args.some((a) => transports.some((t) => a === t || a.startsWith(`${t}=`)))) {
  process.stderr.write('usage: kalint-language-server --stdio\n\nThe kalint language server for keepalived.conf; an editor starts it.\n');
  process.exit(args.includes('--help') || args.includes('-h') ? 0 : 2);
}
startServer(createConnection(ProposedFeatures.all));
