/** `@kalint/language-server`: the kalint language server, for editors and for embedding. */
export { startServer, LANGUAGE_ID } from './server.js';
export { DocumentLinter, runLintJob, type LintJob, type LintJobResult, type PeerNote } from './lint-job.js';
export { editorSettings, type EditorSettings, type PeerScope } from './settings.js';
